#include "check/source.hpp"

#include "fetch/outcome.hpp"

namespace oitscan::check {

void set_outcome(Fetched& f, std::string_view outcome_code) {
  f.outcome = std::string(outcome_code);
  const auto outcome = fetch::outcome_from_string(outcome_code);
  if (!outcome) {
    f.state = evaluate::FetchState::Missing;
    return;
  }
  const auto& info = fetch::outcome_info(*outcome);
  f.message_th = std::string(info.message_th);
  f.message_en = std::string(info.message_en);
  switch (fetch::evidence_class(*outcome, f.http_status)) {
    case fetch::EvidenceClass::obtained: f.state = evaluate::FetchState::Ok; break;
    case fetch::EvidenceClass::missing: f.state = evaluate::FetchState::Missing; break;
    case fetch::EvidenceClass::unverifiable: f.state = evaluate::FetchState::Unverified; break;
  }
}

}  // namespace oitscan::check
