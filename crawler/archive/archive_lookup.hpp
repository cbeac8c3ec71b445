#pragma once
// Finding archived evidence again: what `check --offline` re-judges. The latest capture of a URL
// across WARC files, following a revisit back to the response that holds the bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "archive/warc_reader.hpp"

namespace oitscan::archive {

struct ArchivedResponse {
  std::string target_uri;
  std::string date;               // WARC-Date of the latest capture (the revisit's, when there is one)
  std::filesystem::path file;     // where the bytes are
  std::uint64_t offset = 0;       // offset of the response record holding the bytes
  std::string record_id;          // that response record
  std::string revisit_record_id;  // the revisit that confirmed it, when the latest capture was one
  int status = 0;                 // status of the response holding the bytes (200, not the 304)
  std::string head;               // HTTP head of that response
  std::string body;
  std::string payload_sha1;
  std::string payload_sha256;
  bool truncated = false;
};

// Latest response or revisit for `url` (compared after warc_uri normalisation) over `files`, in
// order; ties in WARC-Date go to the later file and offset. A revisit whose original is not in
// `files` cannot supply bytes: the latest full response is returned instead, if any.
std::optional<ArchivedResponse> latest_response(const std::vector<std::filesystem::path>& files, std::string_view url,
                                                ReaderLimits limits = {});

}  // namespace oitscan::archive
