// The framework files shipped in rules/frameworks/ load and have the verified shapes; broken
// framework files (tests/score/bad-frameworks/, each naming its expected error on line 1) are
// refused with the file, line and field.
#include <catch2/catch.hpp>

#include <fstream>

#include "common/input_error.hpp"
#include "score/score_fixture.hpp"

namespace fs = std::filesystem;
using oitscan::score::NodeKind;
using oitscan::test::framework;

namespace {

std::size_t count(const oitscan::score::Framework& fw, NodeKind kind, char prefix = 0) {
  std::size_t n = 0;
  for (const auto& node : fw.nodes) n += node.kind == kind && (prefix == 0 || node.id[0] == prefix) ? 1U : 0U;
  return n;
}

std::vector<std::string> child_ids(const oitscan::score::Framework& fw, const std::string& id) {
  std::vector<std::string> out;
  for (int c : fw.node(fw.find(id)).children) out.push_back(fw.node(c).id);
  return out;
}

}  // namespace

TEST_CASE("every shipped framework loads, and the list is the one contracts.md requires", "[score][framework]") {
  const auto ids = oitscan::score::list_frameworks(oitscan::test::frameworks_dir());
  CHECK(ids == std::vector<std::string>{"bma-district-2564", "bma-district-2565", "bma-district-2567", "bma-district-2568"});
  for (const auto& id : ids) {
    INFO(id);
    CHECK(framework(id).id == id);
  }
}

TEST_CASE("2567 and 2568: 12 IIT, 6 EIT questions, O1-O22 in the published groups, 30/30/40", "[score][framework]") {
  for (const char* id : {"bma-district-2567", "bma-district-2568"}) {
    const auto& fw = framework(id);
    INFO(id);
    CHECK(count(fw, NodeKind::Question, 'I') == 12);
    CHECK(count(fw, NodeKind::Question, 'E') == 6);
    CHECK(count(fw, NodeKind::Item) == 22);
    CHECK(child_ids(fw, "9.1") == std::vector<std::string>{"O1", "O2", "O3", "O4"});
    CHECK(child_ids(fw, "9.4") == std::vector<std::string>{"O16"});
    CHECK(child_ids(fw, "10.1") == std::vector<std::string>{"O18", "O19", "O20", "O21"});
    CHECK(child_ids(fw, "10.2") == std::vector<std::string>{"O22"});
    CHECK(fw.node(fw.find("IIT")).weight == 30);
    CHECK(fw.node(fw.find("OIT")).weight == 40);
    CHECK(fw.rating.front().code == "pass-excellent");
  }
}

TEST_CASE("2568 scores exactly as 2567 on the same input", "[score][framework]") {
  const auto& doc = oitscan::test::published_doc("002");
  nlohmann::json input = {{"questions", nlohmann::json::object()}, {"oit_items", nlohmann::json::object()}};
  for (const auto& [qid, q] : doc["questions"].items()) input["questions"][qid] = {{"score", q["score"]}};
  for (const auto& [oid, o] : doc["oit_items"].items()) input["oit_items"][oid] = o["score"];
  auto a = oitscan::test::score("bma-district-2567", input);
  auto b = oitscan::test::score("bma-district-2568", input);
  a.erase("framework");
  b.erase("framework");
  CHECK(a == b);
}

TEST_CASE("2564 and 2565: 30 IIT (6 per indicator), 15 EIT (5 per indicator), O1-O43, AA-F", "[score][framework]") {
  for (const char* id : {"bma-district-2564", "bma-district-2565"}) {
    const auto& fw = framework(id);
    INFO(id);
    CHECK(count(fw, NodeKind::Question, 'I') == 30);
    CHECK(count(fw, NodeKind::Question, 'E') == 15);
    CHECK(count(fw, NodeKind::Item) == 43);
    for (int k = 1; k <= 5; ++k) CHECK(child_ids(fw, std::to_string(k)).size() == 6);
    for (int k = 6; k <= 8; ++k) CHECK(child_ids(fw, std::to_string(k)).size() == 5);
    CHECK(child_ids(fw, "9") == std::vector<std::string>{"9.1", "9.2", "9.3", "9.4", "9.5"});
    CHECK(child_ids(fw, "10") == std::vector<std::string>{"10.1", "10.2"});
    CHECK(fw.rating.size() == 7);
    CHECK(fw.grade_each_level);
  }
  CHECK(count(framework("bma-district-2565"), NodeKind::SubItem) == 70);
}

TEST_CASE("broken framework files are refused with file, line and field", "[score][framework]") {
  const fs::path dir = fs::path(OITSCAN_TEST_SOURCE_DIR) / "tests" / "score" / "bad-frameworks";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string first;
    std::getline(in, first);
    const std::string prefix = "# expect: ";
    REQUIRE(first.rfind(prefix, 0) == 0);
    const std::string expected = first.substr(prefix.size());
    INFO(entry.path().filename().string());
    try {
      oitscan::score::load_framework_file(entry.path());
      FAIL("loaded without error");
    } catch (const oitscan::InputError& e) {
      CHECK_THAT(e.what(), Catch::Contains(expected));
    }
    ++cases;
  }
  CHECK(cases >= 10);
}
