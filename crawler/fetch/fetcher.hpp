#pragma once
// The narrow interface the rest of the pipeline uses: submit requests, run until every one of them
// has a Response. Responses arrive through a callback on the thread that called run(), in
// completion order; the callback may submit more requests (e.g. links found in a page).
#include <functional>
#include <memory>
#include <vector>

#include "fetch/fetch_options.hpp"
#include "fetch/response.hpp"

namespace oitscan::fetch {

class Fetcher {
 public:
  using OnResponse = std::function<void(Response&&)>;

  virtual ~Fetcher() = default;

  // Queues a request. The same URL (after normalisation) is fetched once per run: a duplicate
  // submitted while the first is pending gets its own full copy; one submitted after the first
  // was delivered gets the metadata with an empty body and `duplicate` set.
  // Throws std::invalid_argument when the URL is not an absolute http(s) URL.
  virtual void submit(Request request) = 0;

  // Drives every submitted request to completion.
  virtual void run(const OnResponse& on_response) = 0;

  // Replaces FetchOptions::run_budget for the runs that follow (a caller spreading one budget
  // over several runs, e.g. the levels of one unit's crawl). 0 = none.
  virtual void set_run_budget(std::chrono::milliseconds budget) = 0;

  // Convenience: fetch these and return the responses in request order.
  std::vector<Response> fetch_all(const std::vector<Request>& requests);

  // The same for URLs as users typed them: one that is not an absolute http(s) URL comes back
  // with outcome invalid_url (and the reason as its error) instead of refusing the batch.
  std::vector<Response> fetch_urls(const std::vector<std::string>& urls);
};

// The engine: libcurl multi driven by one Boost.Asio event loop (or, with
// FetchOptions::event_loops > 1, several engines sharded by host: sharded_fetcher.hpp).
// Throws std::invalid_argument for malformed options (e.g. a bad --resolve entry).
std::unique_ptr<Fetcher> make_fetcher(const FetchOptions& options);

}  // namespace oitscan::fetch
