#include "gather/evidence_archive.hpp"

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "common/data_dir.hpp"
#include "common/text.hpp"

namespace oitscan::gather {
namespace {

// The request as the fetch engine sends it (libcurl does not hand back the exact bytes).
std::string request_head(const std::string& url, const std::string& user_agent) {
  auto u = boost::urls::parse_uri(url);
  std::string target = "/", host;
  if (u) {
    target = std::string(u->encoded_path());
    if (target.empty()) target = "/";
    if (u->has_query()) target += "?" + std::string(u->encoded_query());
    host = std::string(u->encoded_host_and_port());
  }
  return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + user_agent + "\r\nAccept: */*\r\n\r\n";
}

// The fetch engine hands over the body after content decoding, so the stored head must not claim
// an encoding or length the stored body no longer has: those headers are renamed, not dropped.
std::string response_head(const fetch::Response& f) {
  std::string head = "HTTP/1.1 " + std::to_string(f.http_status) + "\r\n";
  for (const auto& [name, value] : f.headers) {
    if (iequals(name, "content-encoding") || iequals(name, "content-length") ||
        iequals(name, "transfer-encoding")) {
      head += "X-Oitscan-Original-" + name + ": " + value + "\r\n";
    } else {
      head += name + ": " + value + "\r\n";
    }
  }
  head += "Content-Length: " + std::to_string(f.body.size()) + "\r\n\r\n";
  return head;
}

}  // namespace

EvidenceArchive::EvidenceArchive(const std::filesystem::path& file, std::string user_agent)
    : writer_(file, archive::WarcInfo{"", "", "oitscan check evidence", ""}), user_agent_(std::move(user_agent)) {}

void EvidenceArchive::record_exchange(fetch::Response& f) {
  if (f.http_status <= 0) return;
  archive::HttpExchange ex;
  ex.target_uri = f.final_url.empty() ? f.url : f.final_url;
  ex.ip_address = f.remote_ip;
  ex.fetched_at = f.fetched_at;
  ex.request_head = request_head(ex.target_uri, user_agent_);
  ex.status = static_cast<int>(f.http_status);
  ex.response_head = response_head(f);
  ex.body = f.body;
  ex.truncated = f.truncated;
  if (f.url != ex.target_uri) ex.extra_fields.emplace_back("X-Oitscan-Requested-URI", f.url);
  ex.extra_fields.emplace_back("X-Oitscan-Fetch-Outcome", std::string(fetch::to_string(f.outcome)));
  const auto refs = writer_.write_exchange(ex);
  f.warc_record_id = refs.response.record_id;
  response_ids_[f.url] = refs.response.record_id;
}

void EvidenceArchive::record_conversions(const std::map<std::string, Record>& records) {
  for (const auto& [url, r] : records) {
    auto id = response_ids_.find(url);
    if (!r.read || id == response_ids_.end()) continue;
    archive::Conversion c;
    c.target_uri = r.fetched->final_url.empty() ? url : r.fetched->final_url;
    c.refers_to = id->second;
    c.text = r.document.full_text();
    c.extra_fields.emplace_back("X-Oitscan-Format", std::string(extract::to_string(r.document.format)));
    c.extra_fields.emplace_back("X-Oitscan-Text-Source", r.document.text_source());
    writer_.write_conversion(c);
  }
}

void EvidenceArchive::record_verdicts(const std::string& unit_id, const std::string& rules_version,
                                      const std::vector<JudgedItem>& items) {
  for (const auto& item : items) {
    nlohmann::ordered_json j = {{"unit", unit_id}, {"item", item.item}, {"verdict", item.verdict}, {"rules_version", rules_version}};
    nlohmann::ordered_json reqs = nlohmann::ordered_json::array();
    for (const auto& r : item.requirements) reqs.push_back({{"id", r.id}, {"verdict", r.verdict}, {"reason", r.reason}});
    j["requirements"] = reqs;
    archive::Metadata m;
    m.target_uri = "urn:oitscan:" + unit_id + ":" + item.item;
    m.concurrent_to = item.judged_records;
    m.json = j.dump();
    writer_.write_metadata(m);
  }
}

std::vector<FetchedPtr> ArchivingSource::fetch_all(const std::vector<std::string>& urls) {
  auto fetched = inner_.fetch_all(urls);
  for (auto& f : fetched) archive_.record_exchange(*f);
  return fetched;
}

}  // namespace oitscan::gather
