#pragma once
// Where documents come from: the network (the fetch engine), a folder (rule fixtures, the demo
// site without a server) or, for --offline, the archive of earlier runs. One narrow interface, so
// the evidence gathering is the same code for all three.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/evidence.hpp"

namespace oitscan::check {

struct Fetched {
  std::string url;
  std::string final_url;
  evaluate::FetchState state = evaluate::FetchState::Ok;
  std::string outcome = "ok";  // fetch outcome code (contracts.md)
  std::string message_th;
  std::string message_en;
  int http_status = 0;
  std::string content_type;
  std::string body;
  bool truncated = false;
  std::string fetched_at;
  std::string sha256;
  std::string last_modified;
  std::string remote_ip;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> redirects;  // every hop's URL, in order
  long elapsed_ms = 0;
  std::string warc_record_id;  // set by whoever archives the exchange
};

// Sets f.outcome, its Thai and English messages, and f.state from the fetch engine's outcome
// table (f.http_status must be set first: 404 and 503 differ). An unknown code counts as missing.
void set_outcome(Fetched& f, std::string_view outcome_code);

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // One result per URL, in the order given. Never throws for a URL that cannot be fetched.
  virtual std::vector<Fetched> fetch_all(const std::vector<std::string>& urls) = 0;
};

}  // namespace oitscan::check
