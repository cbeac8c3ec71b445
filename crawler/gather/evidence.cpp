#include "gather/evidence.hpp"

#include <algorithm>
#include <chrono>

namespace oitscan::gather {

fetch::EvidenceClass EvidenceDoc::fetch_class() const {
  return fetched ? fetch::evidence_class(fetched->outcome, fetched->http_status) : fetch::EvidenceClass::obtained;
}

std::optional<thai::CivilDate> EvidenceDoc::last_modified() const {
  if (!fetched || !fetched->last_modified) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(*fetched->last_modified)};
  return thai::CivilDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                         static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool EvidenceDoc::any_ocr() const {
  return std::any_of(parts.begin(), parts.end(), [](const DocPart& p) { return p.source == extract::TextSource::Ocr; });
}

std::string EvidenceDoc::fetch_message_th() const {
  return fetched ? std::string(fetch::outcome_info(fetched->outcome).message_th) : std::string();
}

std::string EvidenceDoc::fetch_message_en() const {
  if (!fetched) return {};
  std::string m(fetch::outcome_info(fetched->outcome).message_en);
  if (!fetched->error.empty()) m += " (" + fetched->error + ")";
  return m;
}

}  // namespace oitscan::gather
