#pragma once
// Where documents come from: the network (the fetch engine), a folder (rule fixtures, the demo
// site without a server) or, for --offline, the archive of earlier runs. One narrow interface, so
// the evidence gathering is the same code for all three. Every source answers with the fetch
// engine's own result type, fetch::Response: one value per fetch from the engine to the evaluator.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fetch/response.hpp"

namespace oitscan::gather {

// Shared, never copied: the run's records, the evidence of every item that links the URL and the
// archive all point at the same response (and, while a stage still needs it, its body).
using FetchedPtr = std::shared_ptr<fetch::Response>;

// A claim on a response's body by a stage that still has to read it (extraction, the archive).
// Copies are shared; when the last one goes the body is dropped (its digest, headers and outcome
// stay), so a unit holds only the bodies in flight, never its whole corpus.
using BodyHold = std::shared_ptr<void>;

// The bodies held by the stages of one streaming fetch, in bytes, so the fetching thread can wait
// while too much is in flight (memory bounded by a budget, not by the input).
class BodyLedger {
 public:
  // A hold on f's body counted here; the last copy to go drops the body and uncounts it.
  BodyHold hold(const FetchedPtr& f);
  std::size_t held_bytes() const;
  std::size_t peak_bytes() const;  // the most ever held at once
  // Blocks until at most `bytes` are held.
  void wait_until_at_most(std::size_t bytes);

 private:
  void release(std::size_t bytes);
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::size_t held_ = 0;
  std::size_t peak_ = 0;
};

// Whether the fetch brought a body worth a digest (a page, a document, the cached copy behind a
// 304, an error page's text): the same answer before and after the body is dropped.
bool body_obtained(const fetch::Response& f);

class DocumentSource {
 public:
  // Called on the fetching thread with each result as soon as it is there, and a hold on its body;
  // returns the URLs to fetch next (links found in it).
  using OnFetched = std::function<std::vector<std::string>(const FetchedPtr&, const BodyHold&)>;

  virtual ~DocumentSource() = default;
  // One result per URL, in the order given. Never throws for a URL that cannot be fetched.
  virtual std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) = 0;
  // Fetches `urls` and every URL on_fetched asks for, handing each result on as it arrives; returns
  // when all are in. Each URL is delivered once per call it is asked for. The default fetches in
  // rounds through fetch_all (a folder or an archive has nothing to wait for); the network source
  // streams.
  virtual void fetch_stream(const std::vector<std::string>& urls, BodyLedger& ledger, const OnFetched& on_fetched);
};

// A response for `url` that never reached a server (invalid URL, not archived), with `detail` as
// its error text.
FetchedPtr unfetched(const std::string& url, fetch::Outcome outcome, std::string detail = {});

}  // namespace oitscan::gather
