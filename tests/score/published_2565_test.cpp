// Reproduces the published FY2565 result of Wang Thonglang (seed 004) from the figures it prints:
// 70 sub-items from answer shares, 45 questions, 8 indicators, 43 OIT items through sub-sub- and
// sub-indicators, the tools, the total and the AA-F grades (../shared/reference/ita-scoring.md §3).
#include <catch2/catch.hpp>

#include <cmath>

#include "score/score_fixture.hpp"

using Catch::Matchers::WithinAbs;
using nlohmann::json;
using oitscan::test::framework;
using oitscan::test::kExact;
using oitscan::test::published_doc;
using oitscan::test::score;

namespace {

const char* kFramework = "bma-district-2565";

// 004 prints answer shares only; counts are rebuilt as share x N / 100 with N = 358 (IIT,
// seeds/004_c5eacef3c0e41a6b.txt:886) and 408 (EIT, line 947), in the framework's option order.
json counts_of(const std::string& sub_item_id, const json& shares, long long respondents) {
  const auto& fw = framework(kFramework);
  const auto& node = fw.node(fw.find(sub_item_id));
  const auto& scale = fw.scales[static_cast<std::size_t>(node.scale)];
  json counts = json::array();
  for (const auto& option : scale.options) {
    const double share = shares.at(option).get<double>();
    counts.push_back(std::llround(share * static_cast<double>(respondents) / 100.0));
  }
  return counts;
}

json sub_item_counts(const json& doc) {
  json questions = json::object();
  for (const auto& [id, q] : doc["questions"].items()) {
    const long long n = id[0] == 'I' ? doc["respondents"]["IIT"]["value"].get<long long>()
                                     : doc["respondents"]["EIT"]["value"].get<long long>();
    for (const auto& s : q["sub_items"]) {
      const std::string sid = id + "." + std::to_string(s["no"].get<int>());
      questions[sid] = {{"counts", counts_of(sid, s["answers_percent"], n)}};
    }
  }
  return questions;
}

json items_of(const json& doc) {
  json items = json::object();
  for (const auto& [id, v] : doc["oit_items"].items()) items[id] = v["score"];
  return items;
}

}  // namespace

TEST_CASE("2565: 70 sub-item scores from the printed answer shares", "[score][published][2565]") {
  const json& doc = published_doc("004");
  const auto out = score(kFramework, {{"questions", sub_item_counts(doc)}});
  int checked = 0, exact = 0;
  for (const auto& [id, q] : doc["questions"].items()) {
    for (const auto& s : q["sub_items"]) {
      const std::string sid = id + "." + std::to_string(s["no"].get<int>());
      const double got = out["questions"][sid].get<double>();
      const double printed = s["score"].get<double>();
      INFO(sid << " printed at line " << s["line"]);
      // E14 is the one 0.01 residual: counts (1,1,4,402)/408 give 99.2647, printed 99.27
      // (rounding noise of the printed shares, ita-scoring.md §3).
      CHECK_THAT(got, WithinAbs(printed, sid == "E14.1" ? 0.01 + kExact : kExact));
      exact += std::abs(got - printed) < kExact ? 1 : 0;
      ++checked;
    }
  }
  CHECK(checked == 70);
  CHECK(exact == 69);
}

TEST_CASE("2565: questions, indicators and tools from the printed sub-item scores", "[score][published][2565]") {
  const json& doc = published_doc("004");
  json questions = json::object();
  for (const auto& [id, q] : doc["questions"].items()) {
    for (const auto& s : q["sub_items"]) {
      questions[id + "." + std::to_string(s["no"].get<int>())] = {{"score", s["score"]}};
    }
  }
  const auto out = score(kFramework, {{"questions", questions}, {"oit_items", items_of(doc)}});
  for (const auto& [id, q] : doc["questions"].items()) {
    INFO(id << " printed at line " << q["line"]);
    CHECK_THAT(out["questions"][id].get<double>(), WithinAbs(q["score"].get<double>(), kExact));
  }
  for (const auto& [id, ind] : doc["indicators"].items()) {
    INFO("indicator " << id << " printed at line " << ind["line"]);
    CHECK_THAT(out["indicators"][id].get<double>(), WithinAbs(ind["value"].get<double>(), kExact));
  }
  for (const auto& [id, ind] : doc["sub_sub_indicators"].items()) {
    INFO("sub-sub-indicator " << id << " printed at line " << ind["line"]);
    CHECK_THAT(out["indicators"][id].get<double>(), WithinAbs(ind["value"].get<double>(), kExact));
  }
  for (const auto& [tool, v] : doc["tools"].items()) {
    INFO("tool " << tool << " printed at line " << v["line"]);
    CHECK_THAT(out["tools"][tool].get<double>(), WithinAbs(v["value"].get<double>(), kExact));
  }
  CHECK_THAT(out["total"].get<double>(), WithinAbs(96.15, kExact));
  CHECK(out["level"]["code"] == "AA");
  CHECK(out["level"]["en"] == "Excellence");
  for (const auto& [tool, v] : doc["weighted_tool_scores"].items()) {
    CHECK_THAT(out["weighted_tools"][tool].get<double>(), WithinAbs(v["value"].get<double>(), kExact));
  }
}

TEST_CASE("2565: OIT needs rounding at every level (90.765 -> 90.77)", "[score][published][2565]") {
  const json& doc = published_doc("004");
  const auto out = score(kFramework, {{"oit_items", items_of(doc)}});
  CHECK_THAT(out["indicators"]["9"].get<double>(), WithinAbs(87.78, kExact));
  CHECK_THAT(out["indicators"]["10"].get<double>(), WithinAbs(93.75, kExact));
  CHECK_THAT(out["tools"]["OIT"].get<double>(), WithinAbs(90.77, kExact));
  // The item means would be wrong: 9.1 is the mean of its 9 items (88.89), not of 9.1.1-9.1.3 (83.33).
  CHECK_THAT(out["indicators"]["9.1"].get<double>(), WithinAbs(88.89, kExact));
  CHECK_THAT(out["indicators"]["10.1"].get<double>(), WithinAbs(87.50, kExact));
}

TEST_CASE("2565: the longest chain, from answer shares to the total", "[score][published][2565]") {
  const json& doc = published_doc("004");
  const auto out = score(kFramework, {{"questions", sub_item_counts(doc)}, {"oit_items", items_of(doc)}});
  for (const auto& [tool, v] : doc["tools"].items()) {
    INFO("tool " << tool);
    CHECK_THAT(out["tools"][tool].get<double>(), WithinAbs(v["value"].get<double>(), kExact));
  }
  CHECK_THAT(out["total"].get<double>(), WithinAbs(doc["total"]["value"].get<double>(), kExact));
  CHECK(out["level"]["code"].get<std::string>() + " - " + out["level"]["en"].get<std::string>() ==
        doc["rating_text"]["value"].get<std::string>());
}

TEST_CASE("2565: AA-F grades of every question and item, as counted in the printed table", "[score][published][2565]") {
  // seeds/004_c5eacef3c0e41a6b.txt:686-696: IIT 30, EIT 15 and OIT 39 graded AA; OIT 4 graded F.
  const json& doc = published_doc("004");
  json questions = json::object();
  for (const auto& [id, q] : doc["questions"].items()) questions[id] = {{"score", q["score"]}};
  const auto out = score(kFramework, {{"questions", questions}, {"oit_items", items_of(doc)}});
  std::map<std::string, std::map<std::string, int>> counted;  // grade -> tool -> count
  std::vector<std::string> failed_items;
  for (const auto& [id, grade] : out["grades"].items()) {
    const auto& fw = framework(kFramework);
    const int index = fw.find(id);
    if (index < 0) continue;
    const auto kind = fw.node(index).kind;
    std::string tool;
    if (kind == oitscan::score::NodeKind::Question) tool = id[0] == 'I' ? "IIT" : "EIT";
    else if (kind == oitscan::score::NodeKind::Item) tool = "OIT";
    else continue;
    counted[grade.get<std::string>()][tool]++;
    if (tool == "OIT" && grade == "F") failed_items.push_back(id);
  }
  const json& table = doc["question_count_by_grade"];
  for (const char* tool : {"IIT", "EIT", "OIT"}) {
    INFO(tool);
    CHECK(counted["AA"][tool] == table["AA"][tool].get<int>());
    CHECK(counted["F"][tool] == table["F"][tool].get<int>());
  }
  CHECK(failed_items == std::vector<std::string>{"O9", "O27", "O28", "O41"});
  // Indicators 9 and 10 are printed "A Very Good" (seeds/004_c5eacef3c0e41a6b.txt:380-382).
  CHECK(out["grades"]["9"] == "A");
  CHECK(out["grades"]["10"] == "A");
  CHECK(out["grades"]["1"] == "AA");
}
