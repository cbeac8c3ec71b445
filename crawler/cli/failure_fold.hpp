#pragma once
// Folds fetch failures that repeat on one host into one line with the hint the situation calls
// for: "www.x.test: 22 URLs, DNS failure — did you mean --resolve?" instead of 22 lines each
// saying "Couldn't resolve host name". Only failures that say nothing about the unit's content
// (fetch::EvidenceClass::unverifiable) are folded; a 404 is the unit's problem and is reported
// per requirement by the summary.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cli/terminal.hpp"
#include "fetch/outcome.hpp"
#include "fetch/response.hpp"

namespace oitscan::cli {

// What the user told us, to choose the hint: a DNS failure on a host that has a --resolve entry
// for another port needs a different word than one with none at all.
struct HintContext {
  std::vector<std::string> resolve;  // HOST:PORT:ADDR entries in effect
  bool allow_private = false;
  bool insecure_tls = false;
  bool robots = false;
};

class FailureFold {
 public:
  // Thread-safe: scan calls it from its worker threads.
  void add(const fetch::Response& r);
  std::size_t failed_urls() const;
  // One line per (host, kind of failure), the hosts with most failed URLs first.
  std::vector<std::string> lines(const Terminal& term, const HintContext& context) const;

 private:
  struct Group {
    std::size_t urls = 0;
    std::string example_error;  // the first detail message, for the line
    std::string port;           // of the first URL
  };
  using Key = std::pair<std::string, std::string>;  // host, kind (outcome code, or "http-5xx")
  mutable std::mutex mutex_;
  std::map<Key, Group> groups_;
  std::size_t failed_ = 0;
};

}  // namespace oitscan::cli
