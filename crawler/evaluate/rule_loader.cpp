// Reads rules/<set>/ruleset.yaml and its item files into a RuleSet, checking the schema and every
// predicate's parameters, naming file, line and field on any problem.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "common/input_error.hpp"
#include "evaluate/rules.hpp"

namespace oitscan::evaluate {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Node& at, const std::string& field, const std::string& msg) {
  throw InputError(file.string(), at.Mark().line + 1, field, msg);
}

YAML::Node load_yaml(const std::filesystem::path& file) {
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    throw InputError(file.string(), e.mark.line + 1, "", "YAML syntax: " + e.msg);
  } catch (const YAML::BadFile&) {
    throw InputError(file.string(), 0, "", "cannot read the file");
  }
}

void allow_keys(const std::filesystem::path& file, const YAML::Node& map, const std::string& where,
                std::initializer_list<std::string_view> keys) {
  if (!map.IsMap()) fail(file, map, where, "expected a mapping");
  for (const auto& kv : map) {
    const auto key = kv.first.as<std::string>();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      fail(file, kv.first, where.empty() ? key : where + "." + key, "unknown key");
    }
  }
}

std::string text(const std::filesystem::path& file, const YAML::Node& map, const char* key, const std::string& where, bool required) {
  const YAML::Node v = map[key];
  if (!v) {
    if (required) fail(file, map, where.empty() ? key : where + "." + key, "missing");
    return {};
  }
  if (!v.IsScalar()) fail(file, v, where.empty() ? key : where + "." + key, "expected text");
  return v.as<std::string>();
}

Requirement load_requirement(const std::filesystem::path& file, const YAML::Node& node, const RuleSet& set,
                             const std::string& item) {
  allow_keys(file, node, item, {"id", "mandatory", "title_th", "title_en", "fix_th", "fix_en", "where", "link_cues", "notes", "source"});
  Requirement r;
  r.id = text(file, node, "id", item, true);
  const std::string where = item + "." + r.id;
  r.line = node.Mark().line + 1;
  if (node["mandatory"]) r.mandatory = node["mandatory"].as<bool>();
  r.title = {text(file, node, "title_th", where, true), text(file, node, "title_en", where, true)};
  r.fix = {text(file, node, "fix_th", where, true), text(file, node, "fix_en", where, true)};
  if (const YAML::Node cues = node["link_cues"]) {
    if (!cues.IsSequence() || cues.size() == 0) fail(file, cues, where + ".link_cues", "expected a list of words, e.g. [ติดต่อ]");
    for (const auto& cue : cues) {
      if (!cue.IsScalar() || cue.Scalar().empty()) fail(file, cue, where + ".link_cues", "expected a word");
      r.link_cues.push_back(cue.Scalar());
    }
  }
  const YAML::Node conditions = node["where"];
  if (!conditions || !conditions.IsSequence() || conditions.size() == 0) {
    fail(file, node, where + ".where", "expected a list of conditions, e.g. - text: [ประกาศ]");
  }
  const auto& registry = predicate_registry();
  std::vector<Condition> per_doc, per_set;
  for (const auto& c : conditions) {
    if (!c.IsMap() || c.size() != 1) fail(file, c, where + ".where", "each condition is one 'name: parameters' pair");
    const auto name = c.begin()->first.as<std::string>();
    auto factory = registry.find(name);
    if (factory == registry.end()) {
      std::string known;
      for (const auto& [k, v] : registry) known += (known.empty() ? "" : ", ") + k;
      fail(file, c, where + ".where", "unknown predicate '" + name + "' (known: " + known + ")");
    }
    Condition cond;
    cond.name = name;
    cond.line = c.Mark().line + 1;
    cond.predicate = factory->second(c.begin()->second, set, ParamReader(file.string(), where + "." + name));
    (cond.predicate->is_set_predicate() ? per_set : per_doc).push_back(std::move(cond));
  }
  if (per_doc.empty()) fail(file, node, where + ".where", "needs at least one condition on a single document");
  for (auto& c : per_doc) r.conditions.push_back(std::move(c));
  for (auto& c : per_set) r.conditions.push_back(std::move(c));
  return r;
}

ItemRule load_item_unchecked(const std::filesystem::path& file, const RuleSet& set);

// A value of the wrong shape for its key (`follow_links: x`, `mandatory: [a]`, a mapping as a
// key) makes yaml-cpp throw with only a position: it becomes an InputError naming the file and
// line like every other problem (found by tests/fuzz/rule_loader_fuzzer.cpp).
template <typename F>
auto naming_file(const std::filesystem::path& file, F&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const YAML::Exception& e) {
    throw InputError(file.string(), e.mark.is_null() ? 0 : e.mark.line + 1, "",
                     "a value of the wrong kind for its key (" + e.msg + ")");
  }
}

ItemRule load_item(const std::filesystem::path& file, const RuleSet& set) {
  return naming_file(file, [&] { return load_item_unchecked(file, set); });
}

ItemRule load_item_unchecked(const std::filesystem::path& file, const RuleSet& set) {
  const YAML::Node root = load_yaml(file);
  allow_keys(file, root, "", {"item", "title_th", "title_en", "catalogue", "follow_links", "requirements", "notes"});
  ItemRule item;
  item.file = file;
  item.item = text(file, root, "item", "", true);
  item.title = {text(file, root, "title_th", "", true), text(file, root, "title_en", "", true)};
  item.catalogue = text(file, root, "catalogue", "", true);
  if (root["follow_links"]) {
    item.follow_links = root["follow_links"].as<int>();
    if (item.follow_links < 0 || item.follow_links > 3) fail(file, root["follow_links"], "follow_links", "must be 0-3");
  }
  const YAML::Node reqs = root["requirements"];
  if (!reqs || !reqs.IsSequence() || reqs.size() == 0) fail(file, root, "requirements", "expected a list of requirements");
  std::set<std::string> ids;
  for (const auto& r : reqs) {
    item.requirements.push_back(load_requirement(file, r, set, item.item));
    if (!ids.insert(item.requirements.back().id).second) fail(file, r, item.item + "." + item.requirements.back().id, "duplicate requirement id");
  }
  return item;
}

// follow: {max_links_per_page: N, max_documents_per_item: N, document_cues: [ดาวน์โหลด, …]}
void load_follow_policy(const std::filesystem::path& file, const YAML::Node& node, gather::FollowPolicy& policy) {
  allow_keys(file, node, "follow", {"max_links_per_page", "max_documents_per_item", "document_cues"});
  auto count = [&](const char* key, std::size_t& out) {
    const YAML::Node n = node[key];
    if (!n) return;
    int v = 0;
    try {
      v = n.as<int>();
    } catch (const YAML::Exception&) {
      fail(file, n, std::string("follow.") + key, "expected a whole number");
    }
    if (v < 1 || v > 1000) fail(file, n, std::string("follow.") + key, "must be 1-1000");
    out = static_cast<std::size_t>(v);
  };
  count("max_links_per_page", policy.max_links_per_page);
  count("max_documents_per_item", policy.max_documents_per_item);
  if (const YAML::Node cues = node["document_cues"]) {
    if (!cues.IsSequence()) fail(file, cues, "follow.document_cues", "expected a list of phrases");
    for (const auto& c : cues) policy.document_cues.push_back(c.as<std::string>());
  }
}

// ruleset.yaml: the set's identity, dates, periods and follow policy.
void load_set_file(const std::filesystem::path& file, RuleSet* set) {
  const YAML::Node root = load_yaml(file);
  allow_keys(file, root, "", {"id", "framework", "version", "fiscal_year", "assessment_date", "periods", "follow", "notes"});
  set->id = text(file, root, "id", "", true);
  set->framework = text(file, root, "framework", "", true);
  set->version = text(file, root, "version", "", true);
  if (!root["fiscal_year"]) fail(file, root, "fiscal_year", "missing");
  set->fiscal_year_be = root["fiscal_year"].as<int>();
  if (!root["assessment_date"]) fail(file, root, "assessment_date", "missing (YYYY-MM-DD)");
  if (auto d = parse_day(root["assessment_date"].as<std::string>())) {
    set->assessment_date = *d;
  } else {
    fail(file, root["assessment_date"], "assessment_date", "expected YYYY-MM-DD");
  }
  const YAML::Node periods = root["periods"];
  if (!periods || !periods.IsMap()) fail(file, root, "periods", "expected name: YYYY-MM-DD/YYYY-MM-DD entries");
  for (const auto& kv : periods) {
    const auto name = kv.first.as<std::string>();
    auto p = parse_period(kv.second.as<std::string>());
    if (!p) fail(file, kv.second, "periods." + name, "expected YYYY-MM-DD/YYYY-MM-DD with a valid first <= last");
    set->periods.emplace(name, *p);
  }
  if (const YAML::Node follow = root["follow"]) load_follow_policy(file, follow, set->follow);
}

}  // namespace

std::unique_ptr<RuleSet> load_rule_set(const std::filesystem::path& dir, std::vector<InputError>* problems) {
  auto set = std::make_unique<RuleSet>();
  set->dir = dir;
  const auto file = dir / "ruleset.yaml";
  naming_file(file, [&] { load_set_file(file, set.get()); });
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file() && name.size() > 5 && name[0] == 'O' && e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    try {
      ItemRule item = load_item(f, *set);
      const std::string id = item.item;
      if (set->items.count(id) != 0) throw InputError(f.string(), 1, "item", "item " + id + " has two rule files");
      set->items.emplace(id, std::move(item));
    } catch (const InputError& e) {
      if (problems == nullptr) throw;
      problems->push_back(e);
    }
  }
  return set;
}

}  // namespace oitscan::evaluate
