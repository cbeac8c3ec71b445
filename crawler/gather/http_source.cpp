#include "gather/http_source.hpp"

namespace oitscan::gather {

HttpSource::HttpSource(const fetch::FetchOptions& options, std::chrono::milliseconds unit_budget)
    : fetcher_(fetch::make_fetcher(options)), unit_budget_(unit_budget), started_(std::chrono::steady_clock::now()) {}

std::vector<FetchedPtr> HttpSource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<FetchedPtr> out;
  out.reserve(urls.size());
  if (unit_budget_.count() > 0) {
    const auto left = unit_budget_ - std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
    if (left.count() <= 0) {
      for (const auto& u : urls) out.push_back(unfetched(u, fetch::Outcome::timeout, std::string(fetch::kRunBudgetSpent)));
      return out;
    }
    fetcher_->set_run_budget(left);
  }
  for (auto& r : fetcher_->fetch_urls(urls)) {
    if (r.final_url.empty()) r.final_url = r.url;
    out.push_back(std::make_shared<fetch::Response>(std::move(r)));
  }
  return out;
}

}  // namespace oitscan::gather
