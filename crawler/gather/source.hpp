#pragma once
// Where documents come from: the network (the fetch engine), a folder (rule fixtures, the demo
// site without a server) or, for --offline, the archive of earlier runs. One narrow interface, so
// the evidence gathering is the same code for all three. Every source answers with the fetch
// engine's own result type, fetch::Response: one value per fetch from the engine to the evaluator.
#include <memory>
#include <string>
#include <vector>

#include "fetch/response.hpp"

namespace oitscan::gather {

// Shared, never copied: the run's records, the evidence of every item that links the URL and the
// archive all point at the same response (and its body).
using FetchedPtr = std::shared_ptr<fetch::Response>;

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // One result per URL, in the order given. Never throws for a URL that cannot be fetched.
  virtual std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) = 0;
};

// A response for `url` that never reached a server (invalid URL, not archived), with `detail` as
// its error text.
FetchedPtr unfetched(const std::string& url, fetch::Outcome outcome, std::string detail = {});

}  // namespace oitscan::gather
