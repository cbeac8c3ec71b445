// Predicates on the dates a document carries: inside a period, fresh, covering every month.
#include <algorithm>
#include <set>

#include "evaluate/predicates.hpp"
#include "evaluate/rules.hpp"
#include "thai/date_phrase.hpp"

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
// year it reports on) together with the months and spans its text names without a cue (the rows
// of a quarterly table); where it states no subject, its issue date (when `issue_fallback`) with
// those; where it has neither, every other date of its text. A cited law, a page's update stamp
// or a link's label never: "ประกาศ ณ วันที่ 5 มีนาคม 2568" on the February summary does not make
// it the March one, and neither does a contract signed on some day of March listed in it.
std::vector<const DocDate*> period_dates(const EvidenceDoc& doc, bool issue_fallback) {
  std::vector<const DocDate*> subject, issue, spans, days;
  for (const auto& d : doc.dates) {
    if (d.in_link) continue;
    switch (role_of(doc, d)) {
      case DateRole::Subject: subject.push_back(&d); break;
      case DateRole::Issue: issue.push_back(&d); break;
      case DateRole::Event:
      case DateRole::Unknown: (d.mention.kind == DateKind::Day ? days : spans).push_back(&d); break;
      case DateRole::Cited:
      case DateRole::Chrome: break;
    }
  }
  std::vector<const DocDate*> out = !subject.empty() ? subject : issue_fallback && !issue.empty() ? issue : days;
  out.insert(out.end(), spans.begin(), spans.end());
  return out;
}

// Every date of the document's own text except those that never show its period: link labels,
// cited laws, page chrome and the issue date ("ประกาศ ณ วันที่…" of a report on last year). Read by
// `date_within: {own_dates: true}`: a report titled "ปีงบประมาณ พ.ศ. ๒๕๖๘" whose activities are dated
// in December and February is about the first half too.
std::vector<const DocDate*> own_dates(const EvidenceDoc& doc) {
  std::vector<const DocDate*> out;
  for (const auto& d : doc.dates) {
    if (d.in_link) continue;
    const DateRole role = role_of(doc, d);
    if (role == DateRole::Cited || role == DateRole::Chrome || role == DateRole::Issue) continue;
    out.push_back(&d);
  }
  return out;
}

// A period as a reader says it: "ปีงบประมาณ พ.ศ. ๒๕๖๘" for a whole fiscal year, else its months.
Message describe(const Day& first, const Day& last) {
  if (first.month == 10 && first.day == 1 && last.month == 9 && last.day == 30 && last.year == first.year + 1) {
    const int be = last.year + 543;
    return {thai::format_fiscal_year_th(be), thai::format_fiscal_year_en(be)};
  }
  return {thai::format_range_th(first, last), thai::format_range_en(first, last)};
}

// Days a period and a span have in common (0 when they do not meet).
long shared_days(const Period& p, const Day& first, const Day& last) {
  const Day& from = p.first <= first ? first : p.first;
  const Day& to = last <= p.last ? last : p.last;
  return from <= to ? days_between(from, to) + 1 : 0;
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
// date_within: {period: first-half, own_dates: true}
// A date of the document must lie inside the period; a year or fiscal year may stand for a
// year-long period it overlaps. A document that names only other fiscal years ("ปีงบประมาณ
// พ.ศ. 2567") is about those years, whatever else it prints. Dates that label links do not count.
// By default only the dates that say what the document is about are read (period_dates); with
// `own_dates` any date of its own text but an issue date (own_dates()).
class DateWithinPredicate : public Predicate {
 public:
  Period period;
  bool any_own_date = false;
  std::string_view reason() const override { return "wrong-period"; }
  bool judges_dates() const override { return true; }

  Finding check(const EvidenceDoc& doc, const Context&) const override {
    const auto dates = any_own_date ? own_dates(doc) : period_dates(doc, true);
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
      // A year stands for a year-long period only where it covers most of it: "ประจำปี พ.ศ. 2568"
      // is FY2568 (Oct 2567 - Sep 2568 shares nine months with it), "พ.ศ. 2567" is the year before.
      const bool whole_year = (m.kind == DateKind::Year || m.kind == DateKind::FiscalYear) && year_long &&
                              period.overlaps(m.first, m.last) && shared_days(period, m.first, m.last) >= 180;
      if (inside || whole_year) return date_finding(doc, d);
    }
    return {};
  }

  Message explain_failure() const override {
    const Message wanted = describe(period.first, period.last);
    return {"ไม่พบเอกสารของ " + wanted.th, "No document of " + wanted.en};
  }

  // "พบเอกสารของ ปีงบประมาณ พ.ศ. ๒๕๖๗ แต่ต้องเป็น ปีงบประมาณ พ.ศ. ๒๕๖๘": the periods the closest
  // documents are about (their subject, else issue dates), at most three.
  Message explain_failure_given(const std::vector<const EvidenceDoc*>& closest, const Context&) const override {
    const Message wanted = describe(period.first, period.last);
    std::vector<Message> found;
    for (const EvidenceDoc* doc : closest) {
      for (const DocDate* d : period_dates(*doc, true)) {
        if (d->mention.year_from_context) continue;
        Message m = describe(d->mention.first, d->mention.last);
        if (std::none_of(found.begin(), found.end(), [&](const Message& f) { return f.th == m.th; })) found.push_back(std::move(m));
        if (found.size() >= 3) break;
      }
      if (found.size() >= 3) break;
    }
    if (found.empty()) return {"ไม่พบวันที่หรือช่วงเวลาที่เอกสารรายงาน ต้องเป็น " + wanted.th, "No date or period stated in the document; it must be " + wanted.en};
    std::string th, en;
    for (const auto& f : found) {
      th += (th.empty() ? "" : ", ") + f.th;
      en += (en.empty() ? "" : ", ") + f.en;
    }
    return {"พบเอกสารของ " + th + " แต่ต้องเป็น " + wanted.th, "Found documents of " + en + ", but it must be " + wanted.en};
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
    // "พบเดือน ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘ ไม่พบเดือน มี.ค. ๒๕๖๘"
    std::vector<Day> found_months, missing_months;
    std::string th, en;
    if (quarters) {
      for (const Period& p : missing) {
        th += (th.empty() ? "ไม่พบไตรมาส " : ", ") + thai::format_range_th(p.first, p.last);
        en += (en.empty() ? "missing the quarter " : ", ") + thai::format_range_en(p.first, p.last);
      }
    } else {
      for (const Period& slot : wanted) {
        if (!(slot.first <= ctx.as_of)) continue;
        const bool gone = std::any_of(missing.begin(), missing.end(), [&](const Period& p) { return p.first.year == slot.first.year && p.first.month == slot.first.month; });
        (gone ? missing_months : found_months).push_back(slot.first);
      }
      if (!found_months.empty()) {
        th = "พบเดือน " + thai::format_month_runs_th(found_months) + " ";
        en = "found " + thai::format_month_runs_en(found_months) + "; ";
      }
      th += "ไม่พบเดือน " + thai::format_month_runs_th(missing_months);
      en += "missing " + thai::format_month_runs_en(missing_months);
    }
    out.detail = {th, en};
    return out;
  }

  Message explain_failure() const override {
    const Message of = describe(period.first, period.last);
    if (quarters) return {"ข้อมูลไม่ครบทุกไตรมาสของ " + of.th, "Not every quarter of " + of.en + " is covered"};
    return {"ข้อมูลไม่ครบทุกเดือนของ " + of.th, "Not every month of " + of.en + " is covered"};
  }
};

}  // namespace

std::unique_ptr<Predicate> make_date_within_predicate(const YAML::Node& params, const RuleSet& rules, const ParamReader& reader) {
  auto p = std::make_unique<DateWithinPredicate>();
  if (params.IsMap()) {
    for (const auto& kv : params) {
      const auto key = kv.first.as<std::string>();
      if (key == "own_dates") {
        if (!kv.second.IsScalar() || (kv.second.as<std::string>() != "true" && kv.second.as<std::string>() != "false")) {
          reader.fail(kv.second, "own_dates is true or false");
        }
        p->any_own_date = kv.second.as<std::string>() == "true";
      } else if (key != "period") {
        reader.fail(kv.first, "unknown date_within option '" + key + "' (period, own_dates)");
      }
    }
  }
  const YAML::Node name = params.IsMap() ? params["period"] : params;
  if (!name) reader.fail(params, "date_within needs a period");
  p->period = resolve_period(name, rules, reader);
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
  const std::string every = params["every"] ? params["every"].as<std::string>() : "month";
  if (every != "month" && every != "quarter") reader.fail(params["every"], "every is month or quarter");
  p->quarters = every == "quarter";
  return p;
}

}  // namespace oitscan::evaluate
