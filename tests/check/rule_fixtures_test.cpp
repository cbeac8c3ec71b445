// Runs every rule fixture (rules/<set>/fixtures/<item>/<case>/) through the real pipeline: the
// case's files are served from a folder as if from the unit's website, gathered, extracted and
// judged with the rule set; each requirement's verdict (and reason) must be the expected one.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "gather/directory_source.hpp"
#include "check/pipeline.hpp"
#include "ruletools/fixtures.hpp"
#include "score/framework_loader.hpp"

namespace fs = std::filesystem;
using namespace oitscan;

namespace {

const fs::path kRules = fs::path(OITSCAN_TEST_SOURCE_DIR) / "rules" / "bma-district-2568";

struct Loaded {
  std::unique_ptr<evaluate::RuleSet> rules = evaluate::load_rule_set(kRules);
  score::Framework framework = score::load_framework(rules->framework, fs::path(OITSCAN_TEST_SOURCE_DIR) / "rules" / "frameworks");
  std::vector<ruletools::FixtureCase> cases;
  Loaded() {
    std::vector<InputError> problems;
    cases = ruletools::load_fixtures(*rules, problems);
    for (const auto& p : problems) FAIL(p.what());
  }
};

const Loaded& loaded() {
  static Loaded l;
  return l;
}

void run_case(const ruletools::FixtureCase& c) {
  const auto& all = loaded().cases;
  const fs::path dir = fs::temp_directory_path() / ("oitscan-fixture-" + std::to_string(::getpid())) / c.item / c.name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  ruletools::materialize_case(c, all, dir);
  const std::string site = "https://www.example.go.th/demo/";
  const std::string base = site + c.item + "/" + c.name + "/";
  const std::string offsite = "https://files.example.net/" + c.item + "/" + c.name + "/";
  gather::DirectorySource source(dir, base, {offsite});
  for (const auto& [path, outcome] : c.fetch) source.simulate(base + path, outcome);
  check::Submission submission;
  submission.unit_id = "fixture";
  submission.name_th = "สำนักงานเขตทดสอบ";
  submission.website = site;
  submission.framework = loaded().rules->framework;
  auto& urls = submission.items[c.item];
  for (const auto& s : c.submitted) urls.push_back(s.rfind("offsite:", 0) == 0 ? offsite + s.substr(8) : base + s);
  if (urls.empty()) submission.items.erase(c.item);

  check::CheckOptions options;
  const auto run = check::run_check(submission, source, *loaded().rules, loaded().framework, options);
  const evaluate::ItemVerdict* item = nullptr;
  for (const auto& i : run->items) {
    if (i.item == c.item) item = &i;
  }
  REQUIRE(item != nullptr);
  for (const auto& [req_id, expected] : c.expect) {
    const evaluate::RequirementVerdict* got = nullptr;
    for (const auto& r : item->requirements) {
      if (r.id == req_id) got = &r;
    }
    REQUIRE(got != nullptr);
    INFO(c.file.string() << ":" << expected.line << ": " << c.item << "." << req_id << " — " << got->message.en << " ("
                         << got->reason << ")");
    CHECK(std::string(evaluate::to_string(got->verdict)) == std::string(evaluate::to_string(expected.verdict)));
    if (!expected.reason.empty()) CHECK(got->reason == expected.reason);
  }
  if (!c.item_verdict.empty()) CHECK(std::string(evaluate::to_string(item->verdict)) == c.item_verdict);
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE("rule fixtures", "[rules]") {
  for (const auto& c : loaded().cases) {
    DYNAMIC_SECTION(c.item + "/" + c.name) { run_case(c); }
  }
}

TEST_CASE("every requirement of every item has a passing and a failing fixture (rules lint)", "[rules]") {
  const auto problems = ruletools::lint_rule_set(kRules, fs::path(OITSCAN_TEST_SOURCE_DIR) / "rules" / "frameworks");
  for (const auto& p : problems) UNSCOPED_INFO(p.file << ":" << p.line << ": " << p.message);
  CHECK(problems.empty());
}
