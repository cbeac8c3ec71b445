#include "fetch/response_json.hpp"

namespace oitscan::fetch {
namespace {

std::string_view evidence_name(EvidenceClass c) {
  switch (c) {
    case EvidenceClass::obtained: return "obtained";
    case EvidenceClass::unverifiable: return "unverifiable";
    case EvidenceClass::missing: return "missing";
  }
  return "unverifiable";
}

}  // namespace

nlohmann::json response_to_json(const Response& r) {
  const OutcomeInfo& info = outcome_info(r.outcome);
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& hop : r.redirects) chain.push_back({{"url", hop.url}, {"status", hop.status}});
  nlohmann::json j = {
      {"url", r.url},
      {"final_url", r.final_url},
      {"outcome", info.code},
      {"http_status", r.http_status},
      {"redirects", r.redirects.size()},
      {"redirect_chain", chain},
      {"bytes", r.body.size()},
      {"content_type", r.content_type},
      {"charset", r.charset},
      {"elapsed_ms", r.elapsed_ms},
      {"sha256", r.sha256},
      {"fetched_at", r.fetched_at},
      {"retries", r.retries},
      {"truncated", r.truncated},
      {"evidence", evidence_name(evidence_class(r.outcome, r.http_status))},
      {"message_th", info.message_th},
      {"message_en", info.message_en},
  };
  if (!r.remote_ip.empty()) j["remote_ip"] = r.remote_ip;
  nlohmann::json timings = nlohmann::json::object();
  const auto put = [&](const char* name, double ms) {
    if (ms >= 0) timings[name] = static_cast<double>(static_cast<long long>(ms * 10.0 + 0.5)) / 10.0;
  };
  put("dns_ms", r.timings.dns_ms);
  put("connect_ms", r.timings.connect_ms);
  put("tls_ms", r.timings.tls_ms);
  put("first_byte_ms", r.timings.first_byte_ms);
  put("total_ms", r.timings.total_ms);
  if (!timings.empty()) j["timings"] = timings;
  if (!r.error.empty()) j["error"] = r.error;
  if (!r.tls_error.empty()) j["tls_error"] = r.tls_error;
  if (r.from_cache) j["from_cache"] = true;
  if (r.duplicate) j["duplicate"] = true;
  return j;
}

}  // namespace oitscan::fetch
