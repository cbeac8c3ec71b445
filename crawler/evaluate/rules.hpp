#pragma once
// A rule set (one assessment year's OIT rules) as plain data: rules/<set>/ruleset.yaml names the
// framework, the fiscal year and its periods; rules/<set>/O1.yaml … O22.yaml each hold one item's
// requirements, every requirement a list of predicate conditions.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/input_error.hpp"
#include "evaluate/period.hpp"
#include "evaluate/predicate.hpp"
#include "gather/gather.hpp"

namespace oitscan::evaluate {

struct Condition {
  std::string name;  // predicate name as written
  std::unique_ptr<Predicate> predicate;
  int line = 0;
};

struct Requirement {
  std::string id;
  bool mandatory = true;
  Message title;  // what is required
  Message fix;    // how to fix it (remediation shown to district officers)
  std::vector<Condition> conditions;  // per-document ones first in file order, then set ones
  // Words in a link's text that say the linked page could hold this requirement's evidence even
  // though they are none of the conditions' phrases ("ติดต่อเรา" for an address): an unreachable
  // page behind such a link makes the requirement `unverified`, not `fail`.
  std::vector<std::string> link_cues;
  int line = 0;
};

struct ItemRule {
  std::string item;  // O1 … O22
  Message title;
  std::string catalogue;  // citation of the catalogue entry this file is written from
  int follow_links = 1;   // depth of linked documents to read
  std::vector<Requirement> requirements;
  std::filesystem::path file;
};

struct RuleSet {
  std::string id;
  std::string framework;  // scoring framework id
  std::string version;
  int fiscal_year_be = 0;
  Day assessment_date;  // "so far" and freshness count from here unless the user says otherwise
  std::map<std::string, Period, std::less<>> periods;
  std::map<std::string, ItemRule, std::less<>> items;  // by item id
  gather::FollowPolicy follow;                          // which links are evidence (ruleset.yaml follow:)
  std::filesystem::path dir;

  const Period* period(std::string_view name) const {
    auto it = periods.find(name);
    return it == periods.end() ? nullptr : &it->second;
  }
};

// Loads ruleset.yaml and every O*.yaml beside it. Throws InputError naming file, line and field;
// with `problems`, a broken item file is recorded there and the others still load (for lint).
std::unique_ptr<RuleSet> load_rule_set(const std::filesystem::path& dir, std::vector<InputError>* problems = nullptr);

}  // namespace oitscan::evaluate
