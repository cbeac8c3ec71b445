// Predicates on the dates a document carries: inside a period, fresh, covering every month.
#include <algorithm>
#include <set>

#include "evaluate/predicates.hpp"
#include "evaluate/rules.hpp"

namespace oitscan::evaluate {
namespace {

using thai::DateKind;

const Period& resolve_period(const YAML::Node& node, const RuleSet& rules, const ParamReader& reader) {
  if (!node.IsScalar()) reader.fail(node, "expected a period name");
  const auto name = node.as<std::string>();
  const Period* p = rules.period(name);
  if (p == nullptr) {
    std::string known;
    for (const auto& [k, v] : rules.periods) known += (known.empty() ? "" : ", ") + k;
    reader.fail(node, "unknown period '" + name + "' (ruleset.yaml defines: " + known + ")");
  }
  return *p;
}

using thai::DateRole;

DateRole role_of(const EvidenceDoc& doc, const DocDate& d) {
  return d.part < doc.parts.size() && doc.parts[d.part].chrome ? DateRole::Chrome : d.role;
}

// The dates that say what period a document is about: its subject (the month, quarter or fiscal
// year it reports on); where it states none, its issue date; where it has neither, the other
// dates of its text. A cited law, a page's update stamp or a link's label never: "ประกาศ ณ วันที่
// 5 มีนาคม 2568" on the February summary does not make it the March one.
std::vector<const DocDate*> period_dates(const EvidenceDoc& doc, bool issue_fallback) {
  std::vector<const DocDate*> subject, issue, other;
  for (const auto& d : doc.dates) {
    if (d.in_link) continue;
    switch (role_of(doc, d)) {
      case DateRole::Subject: subject.push_back(&d); break;
      case DateRole::Issue: issue.push_back(&d); break;
      case DateRole::Event:
      case DateRole::Unknown: other.push_back(&d); break;
      case DateRole::Cited:
      case DateRole::Chrome: break;
    }
  }
  if (!subject.empty()) return subject;
  if (issue_fallback && !issue.empty()) return issue;
  return other;
}

Finding date_finding(const EvidenceDoc& doc, const DocDate& d) {
  Finding f;
  f.ok = true;
  const auto& part = doc.parts.at(d.part);
  f.snippet = snippet_around(part.text, d.mention.begin, d.mention.end, 60);
  f.location = part.location;
  f.dates.push_back(d.mention.iso);
  f.from_ocr = d.mention.from_ocr;
  return f;
}

// date_within: fiscal-year            (a period named in ruleset.yaml)
// A date of the document must lie inside the period; a year or fiscal year may stand for a
// year-long period it overlaps. A document that names only other fiscal years ("ปีงบประมาณ
// พ.ศ. 2567") is about those years, whatever else it prints. Dates that label links do not count.
class DateWithinPredicate : public Predicate {
 public:
  Period period;
  std::string period_name;
  std::string_view reason() const override { return "wrong-period"; }
  bool judges_dates() const override { return true; }

  Finding check(const EvidenceDoc& doc, const Context&) const override {
    const auto dates = period_dates(doc, true);
    bool names_fiscal_year = false, names_this_fiscal_year = false;
    for (const DocDate* d : dates) {
      if (d->mention.kind != DateKind::FiscalYear) continue;
      names_fiscal_year = true;
      names_this_fiscal_year = names_this_fiscal_year || period.overlaps(d->mention.first, d->mention.last);
    }
    if (names_fiscal_year && !names_this_fiscal_year) return {};
    const bool year_long = days_between(period.first, period.last) >= 360;
    for (const DocDate* dp : dates) {
      const DocDate& d = *dp;
      // A half-year or quarter whose year we supplied from the rule set proves nothing about it.
      if (d.mention.year_from_context) continue;
      const auto& m = d.mention;
      const bool inside = period.contains(m.first) && period.contains(m.last);
      const bool whole_year = (m.kind == DateKind::Year || m.kind == DateKind::FiscalYear) && year_long &&
                              period.overlaps(m.first, m.last);
      if (inside || whole_year) return date_finding(doc, d);
    }
    return {};
  }

  Message explain_failure() const override {
    return {"ไม่พบเอกสารของช่วงเวลาที่กำหนด (" + period_name + ": " + to_iso(period.first) + " ถึง " + to_iso(period.last) + ")",
            "No document of the required period (" + period_name + ": " + to_iso(period.first) + " to " +
                to_iso(period.last) + ")"};
  }
};

// freshness: {months: 6}  — the newest date in the document (or its Last-Modified) is no older
// than that many months before the assessment date.
class FreshnessPredicate : public Predicate {
 public:
  int months = 12;
  std::string_view reason() const override { return "stale"; }
  bool judges_dates() const override { return true; }

  Finding check(const EvidenceDoc& doc, const Context& ctx) const override {
    Day cutoff = ctx.as_of;
    cutoff.year -= months / 12;
    cutoff.month -= months % 12;
    if (cutoff.month < 1) {
      cutoff.month += 12;
      cutoff.year -= 1;
    }
    cutoff.day = std::min(cutoff.day, thai::days_in_month(cutoff.year, cutoff.month));
    const DocDate* newest = nullptr;
    Day newest_day{0, 1, 1};
    for (const auto& d : doc.dates) {
      // Issue dates, update stamps and what the document reports on all say how current it is;
      // the date of a law it cites does not.
      if (d.in_link || role_of(doc, d) == DateRole::Cited) continue;
      // A range reaching into the future counts up to the assessment date.
      Day end = d.mention.last <= ctx.as_of ? d.mention.last : ctx.as_of;
      if (!(d.mention.first <= ctx.as_of)) continue;
      if (newest == nullptr || newest_day <= end) {
        newest = &d;
        newest_day = end;
      }
    }
    if (newest != nullptr && cutoff <= newest_day) return date_finding(doc, *newest);
    // The server's Last-Modified, when no date in the text is fresh enough; like a printed date it
    // counts only up to the assessment date.
    if (auto lm = doc.last_modified(); lm && cutoff <= *lm && *lm <= ctx.as_of) {
      Finding f;
      f.ok = true;
      f.snippet = "Last-Modified: " + to_iso(*lm);
      f.location = "HTTP header";
      f.dates.push_back(to_iso(*lm));
      return f;
    }
    return {};
  }

  Message explain_failure() const override {
    return {"ข้อมูลไม่เป็นปัจจุบัน: ไม่พบวันที่ภายใน " + std::to_string(months) + " เดือนก่อนวันประเมิน",
            "Not current: no date within " + std::to_string(months) + " months before the assessment date"};
  }
};

// covers: {period: first-half, every: month}   (or every: quarter)
// Over all documents that met the requirement's other conditions, each month (quarter) of the
// period up to the assessment date must be named on its own: a day or a month, not a span
// such as "ตุลาคม 2567 - มีนาคม 2568" that would cover everything at once.
class CoversPredicate : public Predicate {
 public:
  Period period;
  std::string period_name;
  bool quarters = false;

  std::string_view reason() const override { return quarters ? "missing-quarters" : "missing-months"; }
  bool is_set_predicate() const override { return true; }
  bool judges_dates() const override { return true; }

  SetFinding check_set(const std::vector<const EvidenceDoc*>& docs, const Context& ctx) const override {
    std::vector<Period> wanted;
    if (quarters) {
      wanted = quarters_of(period);
    } else {
      for (const Day& m : months_of(period)) wanted.push_back(Period{m, Day{m.year, m.month, thai::days_in_month(m.year, m.month)}});
    }
    SetFinding out;
    std::vector<Period> missing;
    for (const Period& slot : wanted) {
      if (!(slot.first <= ctx.as_of)) continue;  // not due yet
      bool covered = false;
      for (const EvidenceDoc* doc : docs) {
        for (const DocDate* dp : period_dates(*doc, false)) {
          const DocDate& d = *dp;
          if (d.mention.year_from_context) continue;
          const auto& m = d.mention;
          const bool single = m.kind == DateKind::Day || m.kind == DateKind::Month;
          const bool exact_quarter = quarters && m.kind == DateKind::Range && m.first.year == slot.first.year &&
                                     m.first.month == slot.first.month && m.last.year == slot.last.year &&
                                     m.last.month == slot.last.month;
          if ((single && slot.contains(m.first)) || exact_quarter) {
            covered = true;
            out.from_ocr = out.from_ocr || m.from_ocr;
            out.dates.push_back(m.iso);
            break;
          }
        }
        if (covered) break;
      }
      if (!covered) missing.push_back(slot);
    }
    out.ok = missing.empty();
    std::string th, en;
    for (const Period& p : missing) {
      if (quarters) {
        th += (th.empty() ? "" : ", ") + month_label_th(p.first) + "–" + month_label_th(p.last);
        en += (en.empty() ? "" : ", ") + month_label_en(p.first) + "–" + month_label_en(p.last);
      } else {
        th += (th.empty() ? "" : ", ") + month_label_th(p.first);
        en += (en.empty() ? "" : ", ") + month_label_en(p.first);
      }
    }
    out.detail = {th, en};
    return out;
  }

  Message explain_failure() const override {
    if (quarters) return {"ข้อมูลไม่ครบทุกไตรมาสของ " + period_name, "Not every quarter of " + period_name + " is covered"};
    return {"ข้อมูลไม่ครบทุกเดือนของ " + period_name, "Not every month of " + period_name + " is covered"};
  }
};

}  // namespace

std::unique_ptr<Predicate> make_date_within_predicate(const YAML::Node& params, const RuleSet& rules, const ParamReader& reader) {
  auto p = std::make_unique<DateWithinPredicate>();
  const YAML::Node name = params.IsMap() ? params["period"] : params;
  if (!name) reader.fail(params, "date_within needs a period");
  p->period = resolve_period(name, rules, reader);
  p->period_name = name.as<std::string>();
  return p;
}

std::unique_ptr<Predicate> make_freshness_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<FreshnessPredicate>();
  const YAML::Node months = params.IsMap() ? params["months"] : params;
  if (!months || !months.IsScalar()) reader.fail(params, "freshness needs months: N");
  try {
    p->months = months.as<int>();
  } catch (const YAML::Exception&) {
    reader.fail(months, "months must be a whole number");
  }
  if (p->months < 1 || p->months > 120) reader.fail(months, "months must be 1-120");
  return p;
}

std::unique_ptr<Predicate> make_covers_predicate(const YAML::Node& params, const RuleSet& rules, const ParamReader& reader) {
  auto p = std::make_unique<CoversPredicate>();
  if (!params.IsMap() || !params["period"]) reader.fail(params, "covers needs {period: NAME, every: month|quarter}");
  for (const auto& kv : params) {
    const auto key = kv.first.as<std::string>();
    if (key != "period" && key != "every") reader.fail(kv.first, "unknown covers option '" + key + "' (period, every)");
  }
  p->period = resolve_period(params["period"], rules, reader);
  p->period_name = params["period"].as<std::string>();
  const std::string every = params["every"] ? params["every"].as<std::string>() : "month";
  if (every != "month" && every != "quarter") reader.fail(params["every"], "every is month or quarter");
  p->quarters = every == "quarter";
  return p;
}

}  // namespace oitscan::evaluate
