#include "gather/http_source.hpp"

namespace oitscan::gather {

HttpSource::HttpSource(const fetch::FetchOptions& options) : fetcher_(fetch::make_fetcher(options)) {}

std::vector<FetchedPtr> HttpSource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<FetchedPtr> out;
  out.reserve(urls.size());
  for (auto& r : fetcher_->fetch_urls(urls)) {
    if (r.final_url.empty()) r.final_url = r.url;
    out.push_back(std::make_shared<fetch::Response>(std::move(r)));
  }
  return out;
}

}  // namespace oitscan::gather
