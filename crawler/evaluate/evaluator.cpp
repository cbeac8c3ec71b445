#include "evaluate/evaluator.hpp"

#include <algorithm>

#include "common/document_extensions.hpp"

namespace oitscan::evaluate {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Unverified: return "unverified";
  }
  return "fail";
}

namespace {

constexpr std::size_t kMaxEvidence = 6;

std::string join_urls(const std::vector<const EvidenceDoc*>& docs, bool with_outcome) {
  std::string out;
  for (std::size_t i = 0; i < docs.size() && i < kMaxEvidence; ++i) {
    out += (i ? ", " : "") + docs[i]->url;
    if (with_outcome) out += " (" + std::string(fetch::to_string(docs[i]->outcome())) + ")";
  }
  if (docs.size() > kMaxEvidence) out += ", …";
  return out;
}

EvidenceRef ref_of(const EvidenceDoc* doc) {
  EvidenceRef r;
  r.doc = doc;
  return r;
}

// The reason a document the unit pointed at could not be read, when nothing could be read.
std::string missing_reason(const EvidenceDoc& doc) {
  switch (doc.outcome()) {
    case fetch::Outcome::soft_404: return "soft-404";
    case fetch::Outcome::interstitial: return "interstitial";
    case fetch::Outcome::http_error: return "dead-link";
    default: return "not-found";
  }
}

// "scheme://host:port" of an absolute URL (the whole URL when it has no path).
std::string_view origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return url;
  return url.substr(0, url.find_first_of("/?#", scheme_end + 3));
}

// Whether a document we could not open could have held this requirement's evidence: the unit
// submitted it, or the page that links it names what the requirement looks for. Only such a
// document turns a failure into `unverified`, or is worth naming in a message: a dead or slow
// link to some other host must not excuse (or clutter) every requirement of the item.
bool could_hold(const EvidenceDoc& doc, const Requirement& req, const Context& ctx) {
  if (doc.depth == 0) return true;
  // A document file linked straight from a submitted page, on that page's own host, that could not
  // be fetched (timeout, reset, a body cut short, the server gone) is the likely evidence whatever
  // its link says ("ไตรมาสที่ ๑ … ไฟล์ CSV" for the tax statistics): judging without it would be a
  // `fail` caused by the network. Unrelated pages (an office map) and other hosts stay excluded.
  if (doc.depth == 1 && doc.fetch_class() == fetch::EvidenceClass::unverifiable &&
      origin_of(doc.url) == origin_of(doc.linked_from) &&
      names_a_document(std::string_view(doc.url).substr(0, doc.url.find_first_of("?#")))) {
    return true;
  }
  if (doc.link_context.empty()) return false;
  const DocTextIndex& link = ctx.text.of_link(doc);
  for (const auto& cond : req.conditions) {
    for (const auto& phrase : cond.predicate->phrases()) {
      if (link.find(compact_key(phrase))) return true;
    }
  }
  for (const auto& cue : req.link_cues) {
    if (link.find(compact_key(cue))) return true;
  }
  return false;
}

RequirementVerdict judge(const Requirement& req, const std::vector<EvidenceDoc>& docs, const Context& ctx) {
  RequirementVerdict out;
  out.id = req.id;
  out.mandatory = req.mandatory;
  out.title = req.title;

  // Pages that only say "in progress" are never evidence; unobtainable documents count only when
  // they could have held the evidence.
  std::vector<const EvidenceDoc*> readable, placeholders, missing, unverified;
  for (const auto& d : docs) {
    const auto cls = d.fetch_class();
    if (cls == fetch::EvidenceClass::obtained) {
      (d.placeholder ? placeholders : readable).push_back(&d);
    } else if (could_hold(d, req, ctx)) {
      (cls == fetch::EvidenceClass::missing ? missing : unverified).push_back(&d);
    }
  }

  // Per-document conditions narrow the candidates; the first that leaves none is the failure.
  std::vector<const EvidenceDoc*> survivors = readable;
  std::map<const EvidenceDoc*, EvidenceRef> refs;
  for (const auto* d : readable) refs[d] = ref_of(d);
  const Condition* failed = nullptr;
  SetFinding set_finding;
  std::vector<const EvidenceDoc*> closest;
  for (const auto& cond : req.conditions) {
    if (cond.predicate->is_set_predicate()) {
      if (survivors.empty()) break;
      set_finding = cond.predicate->check_set(survivors, ctx);
      if (!set_finding.ok) {
        failed = &cond;
        closest = survivors;
        break;
      }
      out.needs_review = out.needs_review || set_finding.from_ocr;
      continue;
    }
    std::vector<const EvidenceDoc*> next;
    for (const auto* d : survivors) {
      Finding f = cond.predicate->check(*d, ctx);
      if (!f.ok) continue;
      EvidenceRef& r = refs[d];
      if (r.snippet.empty() && !f.snippet.empty()) {
        r.snippet = f.snippet;
        r.location = f.location;
      }
      r.dates.insert(r.dates.end(), f.dates.begin(), f.dates.end());
      r.from_ocr = r.from_ocr || f.from_ocr;
      next.push_back(d);
    }
    if (next.empty()) {
      failed = &cond;
      closest = survivors;
      break;
    }
    survivors = std::move(next);
  }

  if (failed == nullptr && !survivors.empty()) {
    out.verdict = Verdict::Pass;
    out.reason = "ok";
    for (const auto* d : survivors) {
      out.needs_review = out.needs_review || refs[d].from_ocr;
      if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(refs[d]);
    }
    out.message = {"ผ่าน: พบใน " + join_urls(survivors, false), "Passed: found in " + join_urls(survivors, false)};
    return out;
  }

  out.fix = req.fix;
  // Evidence we could not obtain is never held against the unit.
  if (!unverified.empty()) {
    out.verdict = Verdict::Unverified;
    // Obtained but skipped unread (it crashed the worker twice, scaleout/worker.cpp): say so.
    const bool crashed = std::all_of(unverified.begin(), unverified.end(),
                                     [](const EvidenceDoc* d) { return d->outcome() == fetch::Outcome::extraction_crashed; });
    out.reason = crashed ? "extraction-crashed" : "fetch-failed";
    for (const auto* d : unverified) {
      if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(ref_of(d));
    }
    const auto& first = *unverified.front();
    out.message = {std::string(crashed ? "ตรวจสอบไม่ได้: อ่านเอกสารไม่สำเร็จ " : "ตรวจสอบไม่ได้: ดึงข้อมูลไม่สำเร็จ ") + join_urls(unverified, true) +
                       (first.fetch_message_th().empty() ? "" : " — " + first.fetch_message_th()),
                   std::string(crashed ? "Could not be verified: reading failed for " : "Could not be verified: fetching failed for ") +
                       join_urls(unverified, true) +
                       (first.fetch_message_en().empty() ? "" : " — " + first.fetch_message_en())};
    return out;
  }
  out.verdict = Verdict::Fail;
  if (readable.empty()) {
    if (!missing.empty()) {
      out.reason = missing_reason(*missing.front());
      for (const auto* d : missing) {
        if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(ref_of(d));
      }
      const auto& first = *missing.front();
      out.message = {"เปิดเอกสารไม่ได้: " + join_urls(missing, true) + (first.fetch_message_th().empty() ? "" : " — " + first.fetch_message_th()),
                     "The document could not be opened: " + join_urls(missing, true) +
                         (first.fetch_message_en().empty() ? "" : " — " + first.fetch_message_en())};
    } else if (!placeholders.empty()) {
      out.reason = "placeholder";
      for (const auto* d : placeholders) {
        if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(ref_of(d));
      }
      out.message = {"หน้าเว็บยังไม่มีเนื้อหา (เช่น แจ้งว่าอยู่ระหว่างดำเนินการ): " + join_urls(placeholders, false),
                     "The page has no content yet (e.g. it says work is in progress): " + join_urls(placeholders, false)};
    } else {
      out.reason = "not-found";
      out.message = {"ไม่พบเอกสาร", "No document was found"};
    }
    return out;
  }
  out.reason = std::string(failed->predicate->reason());
  out.message = failed->predicate->explain_failure_given(closest, ctx);
  if (!set_finding.detail.th.empty() && failed->predicate->is_set_predicate()) {
    out.message.th += ": " + set_finding.detail.th;
    out.message.en += ": " + set_finding.detail.en;
  }
  for (const auto* d : closest) {
    if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(refs[d]);
  }
  // Links that lead nowhere are part of the story: the missing content may be behind them.
  if (!missing.empty()) {
    out.message.th += " และเปิดลิงก์ไม่ได้: " + join_urls(missing, true);
    out.message.en += "; these links could not be opened: " + join_urls(missing, true);
    for (const auto* d : missing) {
      if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(ref_of(d));
    }
  }
  // Dates read by OCR are unreliable (Thai digits especially): a date failure on OCR'd text is
  // not a finding we can stand behind.
  const bool ocr_text = std::any_of(closest.begin(), closest.end(), [](const EvidenceDoc* d) { return d->any_ocr(); });
  if (failed->predicate->judges_dates() && ocr_text) {
    out.verdict = Verdict::Unverified;
    out.reason = "ocr-uncertain";
    out.needs_review = true;
    out.message.th += " (ข้อความได้จากการอ่านภาพด้วย OCR ซึ่งอาจอ่านตัวเลขไทยผิด: โปรดตรวจด้วยตนเอง)";
    out.message.en += " (the text was read by OCR, which may misread Thai digits: please review by hand)";
  }
  return out;
}

}  // namespace

ItemVerdict evaluate_item(const ItemRule& rule, const std::vector<EvidenceDoc>& docs, const Context& ctx) {
  ItemVerdict out;
  out.item = rule.item;
  out.title = rule.title;
  const bool submitted = std::any_of(docs.begin(), docs.end(), [](const EvidenceDoc& d) { return d.depth == 0; });
  for (const auto& req : rule.requirements) {
    if (!submitted) {
      RequirementVerdict r;
      r.id = req.id;
      r.mandatory = req.mandatory;
      r.title = req.title;
      r.fix = req.fix;
      r.verdict = Verdict::Fail;
      r.reason = "no-url-submitted";
      r.message = {"ไม่ได้ส่ง URL สำหรับข้อ " + rule.item, "No URL was submitted for " + rule.item};
      out.requirements.push_back(std::move(r));
      continue;
    }
    out.requirements.push_back(judge(req, docs, ctx));
  }
  bool any_fail = false, any_unverified = false;
  for (const auto& r : out.requirements) {
    if (!r.mandatory) continue;
    any_fail = any_fail || r.verdict == Verdict::Fail;
    any_unverified = any_unverified || r.verdict == Verdict::Unverified;
  }
  out.verdict = any_fail ? Verdict::Fail : any_unverified ? Verdict::Unverified : Verdict::Pass;
  return out;
}

}  // namespace oitscan::evaluate
