#pragma once
// Rule tooling, kept apart from the rule engine (it needs the scoring frameworks for lint).
// Rule fixtures: small realistic sites that show a requirement passing or failing.
// rules/<set>/fixtures/<item>/<case>/case.yaml names the files a unit would submit ("offsite:x" for a
// file hosted off the unit's website) and the verdict (and reason) expected for each requirement; the other files in the folder are the documents,
// linked to each other as on a real site. The same cases are the demo site's planted defects.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/input_error.hpp"
#include "evaluate/evaluator.hpp"
#include "evaluate/rules.hpp"
#include "fetch/outcome.hpp"

namespace oitscan::ruletools {

using evaluate::ItemRule;
using evaluate::RuleSet;
using evaluate::Verdict;

struct Expectation {
  Verdict verdict = Verdict::Pass;
  std::string reason;  // "" = any reason
  int line = 0;
};

struct FixtureCase {
  std::string item;  // O15
  std::string name;  // folder name
  std::filesystem::path dir;
  std::filesystem::path file;  // case.yaml
  std::string description;
  std::vector<std::string> submitted;             // paths relative to the case folder
  std::map<std::string, fetch::Outcome> fetch;    // path -> simulated fetch outcome (timeout, soft-404, …)
  std::map<std::string, Expectation> expect;      // requirement id -> expected verdict
  std::string item_verdict;                       // optional: expected item verdict
  std::string base;                               // another case of the item whose files this one starts from
  std::vector<std::string> remove;                // files of the base left out
};

// Writes the case's files into `dest`: its base case's files (recursively), minus `remove`,
// overlaid with its own files. case.yaml itself is not copied.
void materialize_case(const FixtureCase& c, const std::vector<FixtureCase>& all, const std::filesystem::path& dest);

// Every case under <set>/fixtures/. Problems (unknown requirement, bad verdict) go to `problems`.
std::vector<FixtureCase> load_fixtures(const RuleSet& set, std::vector<InputError>& problems);

struct LintProblem {
  std::string file;
  int line = 0;
  std::string message;
};

// Schema, items known to the framework, every framework item covered, and every requirement with
// at least one passing and one failing fixture.
std::vector<LintProblem> lint_rule_set(const std::filesystem::path& dir, const std::filesystem::path& frameworks_dir);

}  // namespace oitscan::ruletools
