#include "report/change_lines.hpp"

#include <algorithm>

#include "report/scan_index.hpp"

namespace oitscan::report {
namespace {

int rank(const std::optional<std::string>& verdict) {
  if (!verdict) return -1;
  if (*verdict == "pass") return 2;
  if (*verdict == "unverified") return 1;
  return 0;
}

std::string reasons(const std::vector<store::ReasonRef>& refs) {
  std::string out;
  for (const auto& r : refs) out += (out.empty() ? "" : ", ") + r.requirement_id + ": " + r.reason;
  return out;
}

std::string short_sha(const std::optional<std::string>& sha) { return sha ? sha->substr(0, 12) + "…" : "–"; }

bool obtained(const std::optional<std::string>& outcome) {
  return !outcome || *outcome == "ok" || *outcome == "not-modified";
}

ChangeLine item_line(const store::ItemChange& c) {
  ChangeLine line;
  line.item = c.item_id;
  if (c.verdict_before != c.verdict_now) {
    if (!c.verdict_before) {
      line.text_th = c.item_id + " ตรวจครั้งแรก: " + verdict_th(*c.verdict_now);
      line.text_en = c.item_id + ": new, " + *c.verdict_now;
      line.regression = *c.verdict_now != "pass";
    } else if (!c.verdict_now) {
      line.text_th = c.item_id + " ไม่ได้ตรวจเมื่อคืน";
      line.text_en = c.item_id + ": no longer checked";
    } else {
      line.text_th = c.item_id + " " + verdict_th(*c.verdict_before) + " → " + verdict_th(*c.verdict_now) + " เมื่อคืน";
      line.text_en = c.item_id + ": " + *c.verdict_before + " → " + *c.verdict_now;
      line.regression = rank(c.verdict_now) < rank(c.verdict_before);
    }
  } else {
    line.text_th = c.item_id + " " + verdict_th(c.verdict_now.value_or("")) + " ด้วยเหตุผลที่เปลี่ยนไป";
    line.text_en = c.item_id + ": " + c.verdict_now.value_or("") + ", reasons changed";
    line.regression = !c.reasons_appeared.empty() && c.verdict_now != "pass";
  }
  if (!c.reasons_appeared.empty()) {
    line.text_th += " (เหตุผลใหม่: " + reasons(c.reasons_appeared) + ")";
    line.text_en += " (new: " + reasons(c.reasons_appeared) + ")";
  }
  if (!c.reasons_disappeared.empty()) {
    line.text_th += " (เหตุผลที่หายไป: " + reasons(c.reasons_disappeared) + ")";
    line.text_en += " (gone: " + reasons(c.reasons_disappeared) + ")";
  }
  return line;
}

ChangeLine document_line(const store::DocumentChange& d) {
  ChangeLine line;
  if (d.appeared) {
    line.text_th = "เอกสารใหม่ที่ใช้เป็นหลักฐาน: " + d.url;
    line.text_en = "new evidence document";
  } else if (d.disappeared) {
    line.text_th = "เอกสารที่เคยเป็นหลักฐานหายไป: " + d.url;
    line.text_en = "evidence document gone";
  } else if (obtained(d.outcome_before) != obtained(d.outcome_now) ||
             (!obtained(d.outcome_before) && d.outcome_before != d.outcome_now)) {
    line.text_th = "ผลการดึงเอกสารเปลี่ยน: " + d.url + " " + d.outcome_before.value_or("–") + " → " + d.outcome_now.value_or("–");
    line.text_en = d.url + ": " + d.outcome_before.value_or("-") + " → " + d.outcome_now.value_or("-");
    line.regression = obtained(d.outcome_before) && !obtained(d.outcome_now);
  } else {
    line.text_th = "เนื้อหาเอกสารเปลี่ยน: " + d.url + " (sha256 " + short_sha(d.sha256_before) + " → " + short_sha(d.sha256_now) + ")";
    line.text_en = "content changed";
  }
  return line;
}

}  // namespace

const char* verdict_th(const std::string& v) {
  if (v == "pass") return "ผ่าน";
  if (v == "fail") return "ไม่ผ่าน";
  if (v == "unverified") return "ตรวจสอบไม่ได้";
  return "–";
}

std::vector<ChangeLine> change_lines(const store::Changes& changes) {
  std::vector<ChangeLine> out;
  for (const auto& c : changes.items) out.push_back(item_line(c));
  for (const auto& d : changes.documents) out.push_back(document_line(d));
  std::stable_partition(out.begin(), out.end(), [](const ChangeLine& l) { return l.regression; });
  return out;
}

int nights_in_a_row(const std::vector<std::string>& verdicts, const std::string& verdict) {
  int n = 0;
  while (static_cast<std::size_t>(n) < verdicts.size() && verdicts[static_cast<std::size_t>(n)] == verdict) ++n;
  return n;
}

std::map<std::string, int> failing_streaks(const std::map<std::string, std::vector<std::string>>& item_history,
                                           int min_nights) {
  std::map<std::string, int> out;
  for (const auto& [item, verdicts] : item_history) {
    const int n = nights_in_a_row(verdicts, "fail");
    if (n >= min_nights) out[item] = n;
  }
  return out;
}

}  // namespace oitscan::report
