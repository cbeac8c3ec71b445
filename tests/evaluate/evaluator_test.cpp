// The rule engine's semantics on hand-built documents (dates found by the real Thai date grammar):
// pass/fail/unverified, reasons, messages, evidence, and the OCR and no-URL rules.
#include <catch2/catch.hpp>

#include <fstream>

#include "common/input_error.hpp"
#include "evaluate/evaluator.hpp"
#include "support/format_compare.hpp"
#include "fetch/header_values.hpp"

namespace fs = std::filesystem;
using namespace oitscan::evaluate;

namespace {

const RuleSet& test_rules() {
  static auto set = load_rule_set(fs::path(OITSCAN_TEST_SOURCE_DIR) / "tests" / "evaluate" / "ruleset");
  return *set;
}

EvidenceDoc doc(const std::string& url, const std::string& text, const std::string& format = "html",
                const std::string& source = "markup") {
  using oitscan::extract::TextSource;
  auto fetched = std::make_shared<oitscan::fetch::Response>();
  fetched->url = fetched->final_url = url;
  fetched->http_status = 200;
  fetched->sha256 = std::to_string(std::hash<std::string>{}(text));
  EvidenceDoc d;
  d.url = url;
  d.fetched = fetched;
  d.format = oitscan::extract::format_from_string(format).value();
  d.machine_readable = format == "csv" || format == "xlsx";
  d.parts.push_back(DocPart{"page 1", text, source == "ocr" ? TextSource::Ocr : source == "text-layer" ? TextSource::TextLayer : TextSource::Markup});
  oitscan::thai::DateOptions opt;
  opt.from_ocr = source == "ocr";
  for (auto& m : oitscan::thai::find_dates(text, opt)) d.dates.push_back(DocDate{m, 0});
  return d;
}

// The same document as the fetch engine would have answered it: `outcome`, with `status`.
void refetched(EvidenceDoc& d, oitscan::fetch::Outcome outcome, long status = 0, std::string error = {}) {
  auto f = std::make_shared<oitscan::fetch::Response>(*d.fetched);
  f->outcome = outcome;
  f->http_status = status;
  f->error = std::move(error);
  d.fetched = f;
}

struct Run {
  TextIndexCache cache;
  Context ctx;
  explicit Run(Day as_of = Day{2025, 6, 1}) : ctx{test_rules(), "www.example.go.th", "/bangna/", as_of, cache} {}
  RequirementVerdict req(const std::vector<EvidenceDoc>& docs, const std::string& id) {
    auto item = evaluate_item(test_rules().items.at("O15"), docs, ctx);
    for (auto& r : item.requirements) {
      if (r.id == id) return r;
    }
    FAIL("no requirement " << id);
    return {};
  }
};

const char* kSix =
    "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร. ๑) เดือนตุลาคม ๒๕๖๗ เดือนพฤศจิกายน ๒๕๖๗ เดือนธันวาคม ๒๕๖๗ "
    "เดือนมกราคม ๒๕๖๘ เดือนกุมภาพันธ์ ๒๕๖๘ เดือนมีนาคม ๒๕๖๘";

}  // namespace

TEST_CASE("every month of the first half named: pass with evidence", "[evaluate]") {
  Run run;
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", kSix)}, "monthly-summary");
  CHECK(r.verdict == Verdict::Pass);
  CHECK(r.reason == "ok");
  REQUIRE(r.evidence.size() == 1);
  CHECK_THAT(r.evidence[0].snippet, Catch::Contains("สขร"));
  CHECK(r.evidence[0].location == "page 1");
}

TEST_CASE("a month missing: fail missing-months, naming the month in Thai and English", "[evaluate]") {
  Run run;
  std::string text = kSix;
  text.replace(text.find("เดือนธันวาคม ๒๕๖๗"), std::string("เดือนธันวาคม ๒๕๖๗").size(), "");
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", text)}, "monthly-summary");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "missing-months");
  // Buddhist-era dates in Thai digits, what was found and what is missing, no internal period names.
  CHECK_THAT(r.message.th, Catch::Contains("ไม่พบเดือน ธ.ค. ๒๕๖๗"));
  CHECK_THAT(r.message.th, Catch::Contains("พบเดือน ต.ค. ๒๕๖๗ – พ.ย. ๒๕๖๗"));
  CHECK_THAT(r.message.en, Catch::Contains("Dec 2024"));
  CHECK_THAT(r.message.th, !Catch::Contains("first-half"));
  CHECK_FALSE(r.fix.th.empty());
}

TEST_CASE("months spread over several documents count together", "[evaluate]") {
  Run run;
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", "สขร. ๑ ตุลาคม ๒๕๖๗ พฤศจิกายน ๒๕๖๗ ธันวาคม ๒๕๖๗"),
                    doc("https://www.example.go.th/bangna/o15b", "สขร.1 มกราคม 2568 กุมภาพันธ์ 2568 มีนาคม 2568")},
                   "monthly-summary");
  CHECK(r.verdict == Verdict::Pass);
  CHECK(r.evidence.size() == 2);
}

TEST_CASE("months not yet due are not required (every month so far)", "[evaluate]") {
  Run run(Day{2024, 12, 15});
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", "สขร. ๑ ตุลาคม ๒๕๖๗ พฤศจิกายน ๒๕๖๗ ธันวาคม ๒๕๖๗")},
                   "monthly-summary");
  CHECK(r.verdict == Verdict::Pass);
}

TEST_CASE("a range does not stand in for every month", "[evaluate]") {
  Run run;
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", "สขร. ๑ ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘")}, "monthly-summary");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "missing-months");
}

TEST_CASE("no document with the phrase: fail not-found", "[evaluate]") {
  Run run;
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", "ข่าวประชาสัมพันธ์ ตุลาคม ๒๕๖๗")}, "monthly-summary");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "not-found");
  CHECK_THAT(r.message.th, Catch::Contains("สขร"));
}

TEST_CASE("phrases match across spaces and digits damaged by extraction", "[evaluate]") {
  Run run;
  // "สรุปผล การจัด ซื้อจัดจ้าง" as a PDF may print it, and ASCII digits for Thai ones.
  auto r = run.req({doc("https://www.example.go.th/bangna/o15", "สรุปผล การจัด ซื้อจัดจ้าง ต.ค. 67 พ.ย. 67 ธ.ค. 67 ม.ค. 68 ก.พ. 68 มี.ค. 68")},
                   "monthly-summary");
  CHECK(r.verdict == Verdict::Pass);
}

TEST_CASE("only a PDF: not-machine-readable; a CSV as well: pass", "[evaluate]") {
  Run run;
  auto pdf = doc("https://www.example.go.th/bangna/o15.pdf", kSix, "pdf", "text-layer");
  auto r = run.req({pdf}, "machine-readable");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "not-machine-readable");
  Run run2;
  r = run2.req({pdf, doc("https://www.example.go.th/bangna/o15.csv", kSix, "csv")}, "machine-readable");
  CHECK(r.verdict == Verdict::Pass);
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].doc->format == "csv");
}

TEST_CASE("signed policy of the right fiscal year passes; unsigned or wrong year fails with its reason", "[evaluate]") {
  const std::string body = "ประกาศสำนักงานเขตบางนา เรื่อง นโยบายต่อต้านการรับสินบน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ";
  const std::string signature = "\nประกาศ ณ วันที่ ๑ พฤศจิกายน พ.ศ. ๒๕๖๗\n(นายสมชาย ใจดี)\nผู้อำนวยการเขตบางนา";
  Run run;
  CHECK(run.req({doc("https://www.example.go.th/bangna/abp", body + signature)}, "policy").verdict == Verdict::Pass);
  Run run2;
  auto r = run2.req({doc("https://www.example.go.th/bangna/abp", body + "\nประกาศ ณ วันที่ ๑ พฤศจิกายน พ.ศ. ๒๕๖๗")}, "policy");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "unsigned");
  Run run3;
  std::string old_year = body + signature;
  old_year.replace(old_year.find("๒๕๖๘"), std::string("๒๕๖๘").size(), "๒๕๖๗");
  r = run3.req({doc("https://www.example.go.th/bangna/abp", old_year)}, "policy");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "wrong-period");  // it names FY2567 only, though it is dated Nov 2024
}

TEST_CASE("date_within own_dates: a fiscal-year report shows the first half by the dates of its events", "[evaluate]") {
  // As the gather stage marks them: the fiscal year is what the report is about, the days are events.
  auto report = [](const std::string& text) {
    EvidenceDoc d = doc("https://www.example.go.th/bangna/abp-report", text);
    for (auto& date : d.dates) {
      date.role = date.mention.kind == oitscan::thai::DateKind::FiscalYear ? oitscan::thai::DateRole::Subject
                                                                           : oitscan::thai::DateRole::Event;
    }
    return d;
  };
  const std::string fy2568 = "รายงานผลการจัดกิจกรรมตามนโยบายต่อต้านการรับสินบน ปีงบประมาณ พ.ศ. ๒๕๖๘\n";
  Run run;
  auto r = run.req({report(fy2568 + "เมื่อวันที่ ๑๒ ธันวาคม ๒๕๖๗ ผู้อำนวยการเขตเป็นประธานกิจกรรม")}, "half-year-activities");
  CHECK(r.verdict == Verdict::Pass);
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].dates == std::vector<std::string>{"2024-12-12"});
  // The same fiscal year, but its only activity after March: not the first half.
  Run run2;
  r = run2.req({report(fy2568 + "เมื่อวันที่ ๑๐ เมษายน ๒๕๖๘ ผู้อำนวยการเขตเป็นประธานกิจกรรม")}, "half-year-activities");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "wrong-period");
  // Last year's report stays last year's, whatever day it names inside the first half.
  Run run3;
  r = run3.req({report("รายงานผลการจัดกิจกรรม ปีงบประมาณ พ.ศ. ๒๕๖๗\nสรุปเมื่อวันที่ ๑๕ ตุลาคม ๒๕๖๗")}, "half-year-activities");
  CHECK(r.verdict == Verdict::Fail);
  // An issue date is not what a report is about.
  Run run4;
  EvidenceDoc issued = doc("https://www.example.go.th/bangna/abp-report", "รายงานผลการจัดกิจกรรม\nประกาศ ณ วันที่ ๕ มกราคม ๒๕๖๘");
  for (auto& date : issued.dates) date.role = oitscan::thai::DateRole::Issue;
  CHECK(run4.req({issued}, "half-year-activities").verdict == Verdict::Fail);
}

TEST_CASE("a fetch that failed for network reasons makes the requirement unverified, never failed", "[evaluate]") {
  Run run;
  auto down = doc("https://www.example.go.th/bangna/o15.pdf", "");
  refetched(down, oitscan::fetch::Outcome::timeout, 0, "the server did not answer in time");
  down.parts.clear();
  auto r = run.req({down}, "monthly-summary");
  CHECK(r.verdict == Verdict::Unverified);
  CHECK(r.reason == "fetch-failed");
  CHECK_THAT(r.message.en, Catch::Contains("timeout"));
  // Even beside a readable page that lacks the content: the missing part may be behind the timeout.
  Run run2;
  r = run2.req({doc("https://www.example.go.th/bangna/o15", "หน้ารวมลิงก์"), down}, "monthly-summary");
  CHECK(r.verdict == Verdict::Unverified);
}

TEST_CASE("an unreachable linked page counts as possible evidence only when its link says so", "[evaluate]") {
  // The submitted page lacks the address; the page it links could not be fetched (the server died).
  auto submitted = doc("https://www.example.go.th/bangna/o1", "ข้อมูลพื้นฐานของสำนักงานเขต");
  auto linked = doc("https://www.example.go.th/bangna/contact.html", "");
  refetched(linked, oitscan::fetch::Outcome::connect_error, 0, "connection refused");
  linked.parts.clear();
  linked.depth = 1;
  linked.linked_from = submitted.url;
  // A link named for something else leaves the requirement failed: it cannot excuse the gap.
  linked.link_context = "แผนที่สำนักงานเขต";
  Run run;
  CHECK(run.req({submitted, linked}, "contact").verdict == Verdict::Fail);
  // "ข้อมูลการติดต่อ" holds none of the conditions' phrases, but the rule's link_cues name it.
  linked.link_context = "ข้อมูลการติดต่อ";
  Run run2;
  const auto r = run2.req({submitted, linked}, "contact");
  CHECK(r.verdict == Verdict::Unverified);
  CHECK(r.reason == "fetch-failed");
}

TEST_CASE("a dead link or soft-404 is the unit's problem: fail with that reason", "[evaluate]") {
  Run run;
  auto dead = doc("https://www.example.go.th/bangna/o15.pdf", "");
  refetched(dead, oitscan::fetch::Outcome::http_error, 404);
  auto r = run.req({dead}, "monthly-summary");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "dead-link");
  refetched(dead, oitscan::fetch::Outcome::soft_404, 200);
  Run run2;
  CHECK(run2.req({dead}, "monthly-summary").reason == "soft-404");
}

TEST_CASE("a date failure on OCR'd text is unverified ocr-uncertain", "[evaluate]") {
  Run run;
  std::string text = kSix;
  text.replace(text.find("เดือนธันวาคม ๒๕๖๗"), std::string("เดือนธันวาคม ๒๕๖๗").size(), "เดือนธันวาคม ๒๕๒๗");
  auto r = run.req({doc("https://www.example.go.th/bangna/o15.pdf", text, "pdf", "ocr")}, "monthly-summary");
  CHECK(r.verdict == Verdict::Unverified);
  CHECK(r.reason == "ocr-uncertain");
  CHECK(r.needs_review);
}

TEST_CASE("English version on the main website; off-site is reported", "[evaluate]") {
  const std::string en =
      "Anti-Bribery Policy. The Bang Na District Office is committed to conducting its work with integrity and "
      "transparency and does not accept or offer bribes in any form.";
  Run run;
  CHECK(run.req({doc("https://www.example.go.th/bangna/abp-en", en)}, "english").verdict == Verdict::Pass);
  Run run2;
  auto r = run2.req({doc("https://drive.example.com/file/abp-en", en)}, "english");
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == "off-site");
  Run run3;
  r = run3.req({doc("https://www.example.go.th/bangna/abp", "ประกาศนโยบาย Anti-Bribery Policy ของสำนักงานเขตบางนา ฉบับภาษาไทยเท่านั้น ไม่มีฉบับแปล")}, "english");
  CHECK(r.reason == "no-english-version");
}

TEST_CASE("an item with no URL fails every requirement with no-url-submitted; optional ones do not decide", "[evaluate]") {
  Run run;
  auto item = evaluate_item(test_rules().items.at("O15"), {}, run.ctx);
  CHECK(item.verdict == Verdict::Fail);
  for (const auto& r : item.requirements) CHECK(r.reason == "no-url-submitted");
  // All mandatory pass, the optional English one fails: the item passes.
  Run run2;
  const std::string all = std::string(kSix) +
                          " ประกาศ นโยบายต่อต้านการรับสินบน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n(นายสมชาย ใจดี)\nผู้อำนวยการเขตบางนา";
  auto ok = evaluate_item(test_rules().items.at("O15"),
                          {doc("https://www.example.go.th/bangna/o15", all), doc("https://www.example.go.th/bangna/o15.csv", kSix, "csv")},
                          run2.ctx);
  CHECK(ok.verdict == Verdict::Pass);
}

TEST_CASE("rule files with mistakes are refused with file, line and field", "[evaluate]") {
  const fs::path dir = fs::temp_directory_path() / "oitscan-bad-rules";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(OITSCAN_TEST_SOURCE_DIR) / "tests/evaluate/ruleset/ruleset.yaml", dir / "ruleset.yaml");
  auto write = [&](const std::string& body) { std::ofstream(dir / "O1.yaml") << body; };
  const std::string head = "item: O1\ntitle_th: ก\ntitle_en: a\ncatalogue: c\nrequirements:\n  - id: r\n    title_th: ก\n    title_en: a\n    fix_th: ก\n    fix_en: a\n    where:\n";
  write(head + "      - txet: [ก]\n");
  CHECK_THROWS_WITH(load_rule_set(dir), Catch::Contains("O1.yaml:12: O1.r.where: unknown predicate 'txet'"));
  write(head + "      - text: [ก]\n      - date_within: third-half\n");
  CHECK_THROWS_WITH(load_rule_set(dir), Catch::Contains("O1.yaml:13: O1.r.date_within: unknown period 'third-half'"));
  write(head + "      - text: [ก]\n      - date_within: {period: first-half, own_date: true}\n");
  CHECK_THROWS_WITH(load_rule_set(dir), Catch::Contains("O1.yaml:13: O1.r.date_within: unknown date_within option 'own_date'"));
  write(head + "      - text: [ก]\n      - date_within: {period: first-half, own_dates: yes please}\n");
  CHECK_THROWS_WITH(load_rule_set(dir), Catch::Contains("own_dates is true or false"));
  write(head + "      - covers: {period: first-half, every: week}\n");
  CHECK_THROWS_WITH(load_rule_set(dir), Catch::Contains("every is month or quarter"));
  write(head + "      - covers: {period: first-half}\n");
  CHECK_THROWS_WITH(load_rule_set(dir), Catch::Contains("needs at least one condition on a single document"));
  fs::remove_all(dir);
}

TEST_CASE("freshness falls back to the server's Last-Modified, up to the assessment date", "[evaluate]") {
  // The page names no date at all: only the HTTP header can say how fresh it is.
  auto page = doc("https://www.example.go.th/bangna/stats", "สถิติการให้บริการประชาชน");
  auto with_header = [&](const std::string& value) {
    auto f = std::make_shared<oitscan::fetch::Response>(*page.fetched);
    f->headers = {{"Last-Modified", value}};
    oitscan::fetch::read_entity_headers(*f);
    EvidenceDoc d = page;
    d.fetched = f;
    return d;
  };
  Run fresh(Day{2025, 4, 30});
  auto r = fresh.req({with_header("Tue, 01 Apr 2025 08:00:00 GMT")}, "fresh-statistics");
  CHECK(r.verdict == Verdict::Pass);
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].dates == std::vector<std::string>{"2025-04-01"});
  Run stale(Day{2025, 4, 30});
  CHECK(stale.req({with_header("Sun, 01 Sep 2024 08:00:00 GMT")}, "fresh-statistics").reason == "stale");
  // Modified after the assessment date: says nothing about the site on that date.
  Run later(Day{2025, 4, 30});
  CHECK(later.req({with_header("Mon, 01 Dec 2025 08:00:00 GMT")}, "fresh-statistics").verdict == Verdict::Fail);
  Run none(Day{2025, 4, 30});
  CHECK(none.req({page}, "fresh-statistics").verdict == Verdict::Fail);
}
