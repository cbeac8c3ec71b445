#include "fetch/outcome.hpp"

#include <array>

namespace oitscan::fetch {
namespace {

using E = EvidenceClass;

// Kept in enum order; outcome_info() indexes it directly.
constexpr std::array<OutcomeInfo, 18> kOutcomes{{
    {Outcome::ok, "ok", "ดึงเอกสารได้สำเร็จ", "The document was fetched.", E::obtained},
    {Outcome::not_modified, "not-modified", "เอกสารไม่เปลี่ยนแปลงจากครั้งก่อน (ใช้สำเนาที่เก็บไว้)",
     "The document has not changed since the last fetch (the stored copy was used).", E::obtained},
    {Outcome::http_error, "http-error", "เว็บไซต์ตอบกลับด้วยรหัสข้อผิดพลาด HTTP (เช่น ไม่พบหน้า 404)",
     "The website answered with an HTTP error status (e.g. 404 not found).", E::missing},
    {Outcome::timeout, "timeout", "เว็บไซต์ตอบสนองช้าเกินกำหนดเวลา จึงยังตรวจสอบไม่ได้",
     "The website did not respond in time, so the item could not be verified.", E::unverifiable},
    {Outcome::dns_error, "dns-error", "ไม่พบชื่อโดเมนของเว็บไซต์ (DNS)", "The website's domain name could not be resolved (DNS).",
     E::unverifiable},
    {Outcome::connect_error, "connect-error", "เชื่อมต่อกับเว็บไซต์ไม่ได้ หรือการเชื่อมต่อถูกตัด",
     "Could not connect to the website, or the connection was reset.", E::unverifiable},
    {Outcome::tls_error, "tls-error", "ใบรับรองความปลอดภัย (HTTPS/TLS) ของเว็บไซต์ไม่ถูกต้อง",
     "The website's HTTPS (TLS) certificate is invalid or could not be verified.", E::unverifiable},
    {Outcome::too_many_redirects, "too-many-redirects", "เว็บไซต์เปลี่ยนเส้นทาง (redirect) ต่อกันมากเกินไปหรือวนซ้ำ",
     "The website redirected too many times or in a loop.", E::unverifiable},
    {Outcome::too_large, "too-large", "เอกสารมีขนาดใหญ่เกินกำหนด จึงดึงมาเพียงบางส่วน",
     "The document is larger than the size limit; only part of it was fetched.", E::unverifiable},
    {Outcome::blocked_address, "blocked-address", "ที่อยู่ปลายทางเป็นเครือข่ายภายในหรือที่อยู่ต้องห้าม จึงไม่เชื่อมต่อตามนโยบายความปลอดภัย",
     "The address is private, loopback or otherwise forbidden, so it was not contacted (security policy).",
     E::unverifiable},
    {Outcome::robots_disallowed, "robots-disallowed", "ไฟล์ robots.txt ของเว็บไซต์ไม่อนุญาตให้เข้าถึงหน้านี้",
     "The website's robots.txt does not allow fetching this page.", E::unverifiable},
    {Outcome::rate_limited, "rate-limited", "เว็บไซต์จำกัดจำนวนการเข้าถึงหรือไม่พร้อมให้บริการชั่วคราว (HTTP 429/503)",
     "The website limited our requests or was temporarily unavailable (HTTP 429/503).", E::unverifiable},
    {Outcome::interstitial, "interstitial", "ได้หน้าคั่นแทนเอกสาร (เช่น หน้าเข้าสู่ระบบ หรือหน้าเตือนของ Google Drive)",
     "A stand-in page was returned instead of the document (e.g. a login wall or a Google Drive warning page).",
     // The site answered, with a wall instead of the document: OIT documents must be public without
     // restriction (catalogue R2), so this is the unit's problem, not ours.
     E::missing},
    {Outcome::soft_404, "soft-404", "หน้านี้เป็นหน้า \"ไม่พบข้อมูล\" แม้เว็บไซต์จะตอบว่าสำเร็จ (soft 404)",
     "The page is a \"not found\" page even though the website reported success (soft 404).", E::missing},
    {Outcome::invalid_url, "invalid-url", "URL ไม่ถูกต้อง", "The URL is not valid.", E::missing},
    {Outcome::not_archived, "not-archived", "ไม่มีหลักฐานที่เก็บไว้จากการตรวจครั้งก่อน (โหมดออฟไลน์ไม่ดึงข้อมูลใหม่)",
     "Never captured by an earlier run (offline mode makes no request).", E::unverifiable},
    {Outcome::truncated, "truncated", "ได้รับเอกสารไม่ครบ (การรับข้อมูลหรือการคลายการบีบอัดสิ้นสุดก่อนกำหนด) จึงยังตรวจสอบไม่ได้",
     "The document arrived incomplete (the transfer or its decompression ended early), so it could not be verified.",
     E::unverifiable},
    {Outcome::extraction_crashed, "extraction-crashed",
     "การอ่านเอกสารนี้ทำให้โปรแกรมตรวจหยุดทำงานสองครั้ง จึงข้ามเอกสารนี้และยังตรวจสอบไม่ได้",
     "Reading this document crashed the checker twice, so it was skipped and could not be verified.", E::unverifiable},
}};

}  // namespace

const OutcomeInfo& outcome_info(Outcome o) { return kOutcomes.at(static_cast<std::size_t>(o)); }

std::string_view to_string(Outcome o) { return outcome_info(o).code; }

std::optional<Outcome> outcome_from_string(std::string_view code) {
  for (const auto& info : kOutcomes) {
    if (info.code == code) return info.outcome;
  }
  return std::nullopt;
}

EvidenceClass evidence_class(Outcome o, long http_status) {
  if (o == Outcome::http_error) {
    if (http_status == 401 || http_status == 403 || http_status == 407 || http_status >= 500) return E::unverifiable;
    return E::missing;
  }
  return outcome_info(o).evidence;
}

}  // namespace oitscan::fetch
