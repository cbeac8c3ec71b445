#pragma once
// DocumentSource over a folder, as if it were served: URLs under `site_base` (and the same paths on
// each of `mirror_bases`, e.g. an off-site host) map to files under `root`. Used to run rule
// fixtures and the demo site through the real gathering and extraction, with no server.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "fetch/outcome.hpp"
#include "gather/source.hpp"

namespace oitscan::gather {

class DirectorySource : public DocumentSource {
 public:
  DirectorySource(std::filesystem::path root, std::string site_base, std::vector<std::string> mirror_bases = {});
  // Pretend this URL's fetch ended with `outcome` (timeout, dns-error, soft-404, interstitial, …).
  void simulate(const std::string& url, fetch::Outcome outcome);
  std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) override;

 private:
  FetchedPtr fetch_one(const std::string& url) const;

  std::filesystem::path root_;
  std::vector<std::string> bases_;
  std::map<std::string, fetch::Outcome> simulated_;
};

}  // namespace oitscan::gather
