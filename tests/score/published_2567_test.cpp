// Reproduces the published FY2567 results of Bang Na (seed 002) and Lat Krabang (seed 003) from
// the figures they print, level by level (../shared/reference/ita-scoring.md §1-2, §5).
#include <catch2/catch.hpp>

#include "score/score_fixture.hpp"

using Catch::Matchers::WithinAbs;
using nlohmann::json;
using oitscan::test::kExact;
using oitscan::test::published_doc;
using oitscan::test::score;

namespace {

const char* kFramework = "bma-district-2567";
const std::vector<std::string> kSixLevel = {"ไม่มีเลย", "น้อยที่สุด", "น้อย", "ปานกลาง", "มาก", "มากที่สุด"};
const std::vector<std::string> kYesNo = {"มี", "ไม่มี"};

// The printed answer counts of one question, in the framework's option order.
json counts_of(const json& question) {
  const json& answers = question["answers"];
  const auto& order = answers.contains("มี") ? kYesNo : kSixLevel;
  json counts = json::array();
  for (const auto& option : order) counts.push_back(answers.at(option).at("count"));
  return counts;
}

json published_question_scores(const json& doc, char tool) {
  json q = json::object();
  for (const auto& [id, v] : doc["questions"].items()) {
    if (id[0] == tool) q[id] = {{"score", v["score"]}};
  }
  return q;
}

json all_items(const json& doc) {
  json items = json::object();
  for (const auto& [id, v] : doc["oit_items"].items()) items[id] = v["score"];
  return items;
}

}  // namespace

TEST_CASE("2567: IIT question scores from printed answer counts", "[score][published][2567]") {
  for (const char* doc_id : {"002", "003"}) {
    const json& doc = published_doc(doc_id);
    json input = {{"questions", json::object()}};
    for (const auto& [id, q] : doc["questions"].items()) {
      if (id[0] == 'I') input["questions"][id] = {{"counts", counts_of(q)}};
    }
    const auto out = score(kFramework, input);
    int checked = 0;
    for (const auto& [id, q] : doc["questions"].items()) {
      if (id[0] != 'I') continue;
      INFO(doc_id << " " << id << " printed at line " << q["line"]);
      CHECK_THAT(out["questions"][id].get<double>(), WithinAbs(q["score"].get<double>(), kExact));
      ++checked;
    }
    CHECK(checked == 12);
  }
}

TEST_CASE("2567: indicators and tools from the published question scores", "[score][published][2567]") {
  for (const char* doc_id : {"002", "003"}) {
    const json& doc = published_doc(doc_id);
    json questions = published_question_scores(doc, 'I');
    questions.update(published_question_scores(doc, 'E'));
    const auto out = score(kFramework, {{"questions", questions}, {"oit_items", all_items(doc)}});
    for (const auto& [id, ind] : doc["indicators"].items()) {
      INFO(doc_id << " indicator " << id << " printed at line " << ind["line"]);
      CHECK_THAT(out["indicators"][id].get<double>(), WithinAbs(ind["value"].get<double>(), kExact));
    }
    for (const auto& [tool, v] : doc["tools"].items()) {
      INFO(doc_id << " tool " << tool);
      CHECK_THAT(out["tools"][tool].get<double>(), WithinAbs(v["value"].get<double>(), kExact));
    }
    INFO(doc_id << " total printed at line " << doc["total"]["line"]);
    CHECK_THAT(out["total"].get<double>(), WithinAbs(doc["total"]["value"].get<double>(), kExact));
    CHECK(out["level"]["th"] == doc["rating_text"]["value"]);
  }
}

TEST_CASE("2567 Lat Krabang: tools recomputed from question scores, rated pass-good by the EIT condition",
          "[score][published][2567]") {
  // 003 prints no tool scores; ita-scoring.md §1 recomputes IIT 98.88, EIT 92.38, OIT 100.00.
  const json& doc = published_doc("003");
  json questions = published_question_scores(doc, 'I');
  questions.update(published_question_scores(doc, 'E'));
  const auto out = score(kFramework, {{"questions", questions}, {"oit_items", all_items(doc)}});
  CHECK_THAT(out["tools"]["IIT"].get<double>(), WithinAbs(98.88, kExact));
  CHECK_THAT(out["tools"]["EIT"].get<double>(), WithinAbs(92.38, kExact));
  CHECK_THAT(out["tools"]["OIT"].get<double>(), WithinAbs(100.0, kExact));
  CHECK(out["total"].get<double>() == Approx(97.38));
  // ITA 97.38 >= 95 but EIT < 95: not pass-excellent. (003 misprints the pass-good range as
  // 85.00-94.99; read literally it would demote the office to "pass": LK-RATING-RANGE.)
  CHECK(out["level"]["code"] == "pass-good");
}

TEST_CASE("2567 Bang Na: total from the printed tool scores, weighted parts as printed", "[score][published][2567]") {
  const json& doc = published_doc("002");
  json tools = json::object();
  for (const auto& [tool, v] : doc["tools"].items()) tools[tool] = v["value"];
  const auto out = score(kFramework, {{"tools", tools}});
  CHECK_THAT(out["total"].get<double>(), WithinAbs(98.55, kExact));  // 98.545 half-up
  CHECK(out["level"]["code"] == "pass-excellent");
  for (const auto& [tool, v] : doc["weighted_tool_scores"].items()) {
    INFO("weighted " << tool << " printed at line " << v["line"]);
    CHECK_THAT(out["weighted_tools"][tool].get<double>(), WithinAbs(v["value"].get<double>(), kExact));
  }
}

TEST_CASE("2567: the longest chain, IIT from answer counts, reproduces the total", "[score][published][2567]") {
  for (const char* doc_id : {"002", "003"}) {
    const json& doc = published_doc(doc_id);
    json questions = published_question_scores(doc, 'E');
    for (const auto& [id, q] : doc["questions"].items()) {
      if (id[0] == 'I') questions[id] = {{"counts", counts_of(q)}};
    }
    const auto out = score(kFramework, {{"questions", questions}, {"oit_items", all_items(doc)}});
    INFO(doc_id);
    CHECK_THAT(out["total"].get<double>(), WithinAbs(doc["total"]["value"].get<double>(), kExact));
    CHECK(out["level"]["th"] == doc["rating_text"]["value"]);
  }
}

TEST_CASE("2567 EIT-BASE: printed EIT answer counts do not reproduce the published E scores", "[score][published][2567][eit-base]") {
  // Documented gap (ita-scoring.md §5): the published E1-E6 include respondents that are not in the
  // printed distributions. The engine's scores from the printed counts must equal the research's
  // recomputation, and must differ from the published ones; the total would then be off by
  // +0.85 (002) and +0.53 (003). If a future document closes the gap, this test says so.
  const std::map<std::string, std::vector<double>> from_counts = {
      {"002", {98.14, 98.65, 99.82, 98.14, 98.65, 98.47}},
      {"003", {95.20, 95.01, 99.35, 91.38, 92.45, 91.54}}};
  const std::map<std::string, double> total_gap = {{"002", 0.85}, {"003", 0.53}};
  for (const auto& [doc_id, expected] : from_counts) {
    const json& doc = published_doc(doc_id);
    json questions = published_question_scores(doc, 'I');
    for (const auto& [id, q] : doc["questions"].items()) {
      if (id[0] == 'E') questions[id] = {{"counts", counts_of(q)}};
    }
    const auto out = score(kFramework, {{"questions", questions}, {"oit_items", all_items(doc)}});
    double largest_gap = 0;
    for (int k = 0; k < 6; ++k) {
      const std::string id = "E" + std::to_string(k + 1);
      INFO(doc_id << " " << id);
      CHECK_THAT(out["questions"][id].get<double>(), WithinAbs(expected[static_cast<std::size_t>(k)], kExact));
      largest_gap = std::max(largest_gap, std::abs(out["questions"][id].get<double>() - doc["questions"][id]["score"].get<double>()));
    }
    CHECK(largest_gap > 1.0);
    CHECK_THAT(out["total"].get<double>() - doc["total"]["value"].get<double>(), WithinAbs(total_gap.at(doc_id), kExact));
  }
}
