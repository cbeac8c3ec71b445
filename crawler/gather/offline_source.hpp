#pragma once
// `check --offline`: a DocumentSource that makes no request and answers from the WARC files of
// earlier runs. A URL never captured is unverified: we cannot say what the site holds.
#include <filesystem>
#include <map>
#include <vector>

#include "gather/source.hpp"

namespace oitscan::gather {

class OfflineSource : public DocumentSource {
 public:
  // Indexes every response and revisit record of `files` (later captures win); a revisit is
  // resolved to the response it refers to, whose payload it confirmed.
  explicit OfflineSource(const std::vector<std::filesystem::path>& files);
  std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) override;
  std::size_t captures() const { return index_.size(); }

 private:
  struct Where {
    std::filesystem::path file;
    std::uint64_t offset = 0;
    std::string date;
    std::string refers_to;  // a revisit's WARC-Refers-To, until resolved
  };
  std::map<std::string, Where> index_;  // requested and final URLs -> latest response record
};

// The WARC files a unit's output folder holds: evidence.warc.gz and archive/*.warc.gz.
std::vector<std::filesystem::path> archived_evidence(const std::filesystem::path& out_dir);

}  // namespace oitscan::gather
