#pragma once
// Helpers shared by the scoring tests: run the scoring core on a JSON input, read the reference.
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "score/engine.hpp"
#include "score/framework_loader.hpp"
#include "score/score_input.hpp"
#include "score/score_json.hpp"

namespace oitscan::test {

inline std::filesystem::path frameworks_dir() {
  return std::filesystem::path(OITSCAN_TEST_SOURCE_DIR) / "rules" / "frameworks";
}

inline const score::Framework& framework(const std::string& id) {
  static std::map<std::string, score::Framework> cache;
  auto it = cache.find(id);
  if (it == cache.end()) it = cache.emplace(id, score::load_framework(id, frameworks_dir())).first;
  return it->second;
}

// Runs `oitscan score` in-process and returns its JSON output.
inline nlohmann::ordered_json score(const std::string& framework_id, const nlohmann::json& input) {
  const score::Framework& fw = framework(framework_id);
  const score::ScoreInput parsed = score::parse_score_input(fw, input.dump(), "test-input.json");
  return score::score_to_json(fw, score::compute_scores(fw, parsed));
}

// ../shared/reference/ita-published-scores.json: every published figure of seeds 002-004.
inline const nlohmann::json& published() {
  static const nlohmann::json doc = [] {
    std::ifstream in(std::filesystem::path(OITSCAN_TEST_SHARED_DIR) / "reference" / "ita-published-scores.json");
    if (!in) throw std::runtime_error("cannot read ../shared/reference/ita-published-scores.json");
    return nlohmann::json::parse(in);
  }();
  return doc;
}

inline const nlohmann::json& published_doc(const std::string& doc_id) {
  for (const auto& d : published()["documents"]) {
    if (d["doc_id"] == doc_id) return d;
  }
  throw std::runtime_error("no published document " + doc_id);
}

// Scores are compared as printed: two decimals, so "equal" means within half a unit of the last place.
constexpr double kExact = 0.001;

}  // namespace oitscan::test
