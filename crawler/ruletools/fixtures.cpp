#include "ruletools/fixtures.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "score/framework_loader.hpp"

namespace oitscan::ruletools {

using evaluate::Requirement;
namespace {

std::optional<Verdict> verdict_of(const std::string& s) {
  if (s == "pass") return Verdict::Pass;
  if (s == "fail") return Verdict::Fail;
  if (s == "unverified") return Verdict::Unverified;
  return std::nullopt;
}

FixtureCase load_case(const std::filesystem::path& file, const ItemRule& rule, std::vector<InputError>& problems) {
  FixtureCase c;
  c.file = file;
  c.dir = file.parent_path();
  c.name = c.dir.filename().string();
  c.item = rule.item;
  auto problem = [&](const YAML::Node& at, const std::string& field, const std::string& msg) {
    problems.emplace_back(file.string(), at.Mark().line + 1, field, msg);
  };
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    problems.emplace_back(file.string(), e.mark.line + 1, "", "YAML: " + e.msg);
    return c;
  }
  if (!root.IsMap()) {
    problem(root, "", "a fixture case is a mapping");
    return c;
  }
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    if (key != "description" && key != "submitted" && key != "fetch" && key != "expect" && key != "item_verdict" &&
        key != "base" && key != "remove") {
      problem(kv.first, key, "unknown key");
    }
  }
  c.description = root["description"] ? root["description"].as<std::string>() : "";
  if (root["item_verdict"]) c.item_verdict = root["item_verdict"].as<std::string>();
  if (root["base"]) c.base = root["base"].as<std::string>();
  if (const YAML::Node r = root["remove"]; r && r.IsSequence()) {
    for (const auto& p : r) c.remove.push_back(p.as<std::string>());
  }
  if (const YAML::Node s = root["submitted"]; s && s.IsSequence()) {
    for (const auto& p : s) c.submitted.push_back(p.as<std::string>());
  }
  if (const YAML::Node f = root["fetch"]; f && f.IsMap()) {
    for (const auto& kv : f) {
      const auto code = kv.second.as<std::string>();
      if (const auto outcome = fetch::outcome_from_string(code)) {
        c.fetch[kv.first.as<std::string>()] = *outcome;
      } else {
        problem(kv.second, "fetch." + kv.first.as<std::string>(), "unknown fetch outcome '" + code + "'");
      }
    }
  }
  const YAML::Node expect = root["expect"];
  if (!expect || !expect.IsMap() || expect.size() == 0) {
    problem(root, "expect", "expected requirement: pass | fail | {verdict, reason}");
    return c;
  }
  for (const auto& kv : expect) {
    const auto id = kv.first.as<std::string>();
    const bool known = std::any_of(rule.requirements.begin(), rule.requirements.end(), [&](const Requirement& r) { return r.id == id; });
    if (!known) {
      problem(kv.first, "expect." + id, "no such requirement in " + rule.file.filename().string());
      continue;
    }
    Expectation e;
    e.line = kv.first.Mark().line + 1;
    const std::string v = kv.second.IsMap() ? kv.second["verdict"].as<std::string>("") : kv.second.as<std::string>();
    auto verdict = verdict_of(v);
    if (!verdict) {
      problem(kv.second, "expect." + id, "verdict is pass, fail or unverified");
      continue;
    }
    e.verdict = *verdict;
    if (kv.second.IsMap() && kv.second["reason"]) e.reason = kv.second["reason"].as<std::string>();
    c.expect[id] = e;
  }
  return c;
}

}  // namespace

std::vector<FixtureCase> load_fixtures(const RuleSet& set, std::vector<InputError>& problems) {
  std::vector<FixtureCase> out;
  const auto root = set.dir / "fixtures";
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.path().filename() == "case.yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    // fixtures/<item>/<case>/case.yaml
    const std::string item = f.parent_path().parent_path().filename().string();
    auto rule = set.items.find(item);
    if (rule == set.items.end()) {
      problems.emplace_back(f.string(), 1, "", "fixture folder names item " + item + ", which has no rule file");
      continue;
    }
    FixtureCase c = load_case(f, rule->second, problems);
    if (c.submitted.empty() && !c.expect.empty()) {
      // An item with nothing submitted is a valid case (no-url-submitted).
    }
    out.push_back(std::move(c));
  }
  // Bases must exist and not loop; submitted files must exist in the case or its base.
  for (const auto& c : out) {
    std::set<std::string> chain;
    const FixtureCase* at = &c;
    while (at != nullptr && !at->base.empty()) {
      if (!chain.insert(at->name).second) {
        problems.emplace_back(c.file.string(), 1, "base", "bases form a loop");
        break;
      }
      const FixtureCase* next = nullptr;
      for (const auto& other : out) {
        if (other.item == at->item && other.name == at->base) next = &other;
      }
      if (next == nullptr) problems.emplace_back(at->file.string(), 1, "base", "no case '" + at->base + "' for " + at->item);
      at = next;
    }
    for (const auto& s : c.submitted) {
      const std::string path = s.rfind("offsite:", 0) == 0 ? s.substr(8) : s;
      bool found = c.fetch.count(path) != 0;
      for (const FixtureCase* k = &c; k != nullptr && !found;) {
        found = std::filesystem::exists(k->dir / path) && std::find(c.remove.begin(), c.remove.end(), path) == c.remove.end();
        const FixtureCase* next = nullptr;
        for (const auto& other : out) {
          if (!k->base.empty() && other.item == k->item && other.name == k->base) next = &other;
        }
        k = next == k ? nullptr : next;
      }
      if (!found) problems.emplace_back(c.file.string(), 1, "submitted", "no file " + path + " in the case or its base");
    }
  }
  return out;
}

void materialize_case(const FixtureCase& c, const std::vector<FixtureCase>& all, const std::filesystem::path& dest) {
  namespace fs = std::filesystem;
  if (!c.base.empty()) {
    for (const auto& other : all) {
      if (other.item == c.item && other.name == c.base && &other != &c) materialize_case(other, all, dest);
    }
  }
  for (const auto& r : c.remove) fs::remove(dest / r);
  for (const auto& e : fs::recursive_directory_iterator(c.dir)) {
    if (!e.is_regular_file() || e.path().filename() == "case.yaml") continue;
    const fs::path target = dest / fs::relative(e.path(), c.dir);
    fs::create_directories(target.parent_path());
    fs::copy_file(e.path(), target, fs::copy_options::overwrite_existing);
  }
}

std::vector<LintProblem> lint_rule_set(const std::filesystem::path& dir, const std::filesystem::path& frameworks_dir) {
  std::vector<LintProblem> out;
  auto add = [&](const InputError& e) {
    out.push_back({e.file(), e.line(), std::string(e.what()).substr(e.file().size() + (e.line() > 0 ? std::to_string(e.line()).size() + 3 : 2))});
  };
  std::vector<InputError> problems;
  std::unique_ptr<RuleSet> set;
  try {
    set = evaluate::load_rule_set(dir, &problems);
  } catch (const InputError& e) {
    add(e);
    return out;
  }
  for (const auto& p : problems) add(p);

  const auto ruleset_file = (dir / "ruleset.yaml").string();
  try {
    const score::Framework fw = score::load_framework(set->framework, frameworks_dir);
    for (const auto& [id, item] : set->items) {
      const int index = fw.find(id);
      if (index < 0 || fw.node(index).kind != score::NodeKind::Item) {
        out.push_back({item.file.string(), 1, "item " + id + " is not an OIT item of framework " + fw.id});
      }
    }
    for (const auto& node : fw.nodes) {
      if (node.kind == score::NodeKind::Item && set->items.count(node.id) == 0) {
        out.push_back({ruleset_file, 1, "framework " + fw.id + " has item " + node.id + " but there is no rule file for it"});
      }
    }
  } catch (const InputError& e) {
    out.push_back({ruleset_file, 1, std::string("framework: ") + e.what()});
  }

  problems.clear();
  const auto cases = load_fixtures(*set, problems);
  for (const auto& p : problems) add(p);
  for (const auto& [id, item] : set->items) {
    for (const auto& req : item.requirements) {
      bool pass = false, fail = false;
      for (const auto& c : cases) {
        if (c.item != id) continue;
        auto e = c.expect.find(req.id);
        if (e == c.expect.end()) continue;
        pass = pass || e->second.verdict == Verdict::Pass;
        fail = fail || e->second.verdict != Verdict::Pass;
      }
      if (!pass) out.push_back({item.file.string(), req.line, id + "." + req.id + ": no fixture where it passes"});
      if (!fail) out.push_back({item.file.string(), req.line, id + "." + req.id + ": no fixture where it fails"});
    }
  }
  return out;
}

}  // namespace oitscan::ruletools
