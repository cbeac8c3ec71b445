#pragma once
// DocumentSource over the network, through the fetch engine.
#include <memory>

#include "fetch/fetch_options.hpp"
#include "fetch/fetcher.hpp"
#include "gather/source.hpp"

namespace oitscan::gather {

class HttpSource : public DocumentSource {
 public:
  // `unit_budget` bounds all the fetching of this source together (one unit's crawl, over all its
  // levels); 0 = only the per-URL timeout. What is still pending when it is spent ends as a timeout.
  explicit HttpSource(const fetch::FetchOptions& options, std::chrono::milliseconds unit_budget = std::chrono::milliseconds(0));
  std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) override;
  // One run of the engine for the whole crawl: links on_fetched returns are submitted from its
  // callback, so they are fetched while slower pages of the same unit are still arriving.
  void fetch_stream(const std::vector<std::string>& urls, BodyLedger& ledger, const OnFetched& on_fetched) override;

 private:
  // Whether any of the unit's budget is left; if so the engine is given what is left.
  bool budget_left();

  std::unique_ptr<fetch::Fetcher> fetcher_;
  std::chrono::milliseconds unit_budget_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace oitscan::gather
