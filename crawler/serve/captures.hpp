#pragma once
// Captures: the bodies a check archived, found again by WARC-Record-ID (what results.json's
// evidence names) for GET /captures/ID.
#include <optional>
#include <string>
#include <vector>

#include "serve/service_db.hpp"

namespace oitscan::serve {

// The response and resource records of a job's WARC, for the capture index.
std::vector<Capture> index_captures(const std::string& job_id, const std::filesystem::path& warc);

struct CaptureBody {
  std::string content_type;  // as the server declared it ("application/octet-stream" when it did not)
  std::string body;
  std::string target_uri;
  std::string date;
};

// The archived body of an indexed record; nullopt when the record is gone or not a response.
std::optional<CaptureBody> read_capture(const Capture& capture);

}  // namespace oitscan::serve
