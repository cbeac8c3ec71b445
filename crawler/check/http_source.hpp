#pragma once
// DocumentSource over the network, through the fetch engine.
#include <memory>

#include "check/source.hpp"
#include "fetch/fetch_options.hpp"
#include "fetch/fetcher.hpp"

namespace oitscan::check {

class HttpSource : public DocumentSource {
 public:
  explicit HttpSource(const fetch::FetchOptions& options);
  std::vector<Fetched> fetch_all(const std::vector<std::string>& urls) override;

 private:
  std::unique_ptr<fetch::Fetcher> fetcher_;
};

// The fetch engine's answer in the pipeline's terms (outcome code, verdict class, messages).
Fetched to_fetched(fetch::Response&& response);

}  // namespace oitscan::check
