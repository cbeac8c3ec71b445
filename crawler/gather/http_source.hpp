#pragma once
// DocumentSource over the network, through the fetch engine.
#include <memory>

#include "fetch/fetch_options.hpp"
#include "fetch/fetcher.hpp"
#include "gather/source.hpp"

namespace oitscan::gather {

class HttpSource : public DocumentSource {
 public:
  explicit HttpSource(const fetch::FetchOptions& options);
  std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) override;

 private:
  std::unique_ptr<fetch::Fetcher> fetcher_;
};

}  // namespace oitscan::gather
