// Reads rules/frameworks/<id>.yaml into a Framework, checking everything a domain expert could
// get wrong (unknown keys, duplicate ids, scales of the wrong length, a rating table with no floor)
// and naming the file and line of each problem.
#include "score/framework_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"

namespace oitscan::score {

int Framework::find(std::string_view node_id) const {
  auto it = by_id.find(node_id);
  return it == by_id.end() ? -1 : it->second;
}

std::string_view kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::Tool: return "tool";
    case NodeKind::Indicator: return "indicator";
    case NodeKind::Subindicator: return "sub-indicator";
    case NodeKind::Question: return "question";
    case NodeKind::SubItem: return "sub-item";
    case NodeKind::Item: return "item";
  }
  return "node";
}

namespace {

class Loader {
 public:
  explicit Loader(std::filesystem::path file) : file_(std::move(file)) {}

  Framework load() {
    YAML::Node root;
    try {
      root = YAML::LoadFile(file_.string());
    } catch (const YAML::ParserException& e) {
      throw InputError(file_.string(), e.mark.line + 1, "", "YAML syntax: " + e.msg);
    } catch (const YAML::BadFile&) {
      throw InputError(file_.string(), 0, "", "cannot read the framework file");
    }
    if (!root.IsMap()) fail(root, "", "a framework file is a mapping");
    allow_keys(root, "", {"id", "title_th", "title_en", "fiscal_year", "sources", "notes", "rounding",
                          "grade_each_level", "scales", "tools", "rating"});
    fw_.file = file_;
    fw_.id = text(root, "id", true);
    fw_.title_th = text(root, "title_th", false);
    fw_.title_en = text(root, "title_en", false);
    fw_.fiscal_year = integer(root, "fiscal_year");
    if (auto r = root["rounding"]) {
      allow_keys(r, "rounding", {"decimals", "mode", "each_level"});
      if (r["decimals"]) fw_.decimals = integer(r, "decimals");
      if (r["mode"] && r["mode"].as<std::string>() != "half-up") fail(r["mode"], "rounding.mode", "only half-up is supported");
      if (r["each_level"]) fw_.round_each_level = boolean(r, "each_level");
    }
    if (root["grade_each_level"]) fw_.grade_each_level = boolean(root, "grade_each_level");
    load_scales(require(root, "scales", ""));
    load_tools(require(root, "tools", ""));
    load_rating(require(root, "rating", ""));
    return std::move(fw_);
  }

 private:
  [[noreturn]] void fail(const YAML::Node& at, const std::string& field, const std::string& message) const {
    throw InputError(file_.string(), at.Mark().line + 1, field, message);
  }

  YAML::Node require(const YAML::Node& map, const char* key, const std::string& where) const {
    YAML::Node value = map[key];
    if (!value) fail(map, where.empty() ? key : where + "." + key, "missing");
    return value;
  }

  void allow_keys(const YAML::Node& map, const std::string& where, std::initializer_list<std::string_view> keys) const {
    if (!map.IsMap()) fail(map, where, "expected a mapping");
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        fail(kv.first, where.empty() ? key : where + "." + key, "unknown key");
      }
    }
  }

  std::string text(const YAML::Node& map, const char* key, bool required) const {
    YAML::Node value = map[key];
    if (!value) {
      if (required) fail(map, key, "missing");
      return {};
    }
    if (!value.IsScalar()) fail(value, key, "expected text");
    return value.as<std::string>();
  }

  int integer(const YAML::Node& map, const char* key) const {
    YAML::Node value = require(map, key, "");
    try {
      return value.as<int>();
    } catch (const YAML::Exception&) {
      fail(value, key, "expected a whole number");
    }
  }

  bool boolean(const YAML::Node& map, const char* key) const {
    try {
      return map[key].as<bool>();
    } catch (const YAML::Exception&) {
      fail(map[key], key, "expected true or false");
    }
  }

  Exact number(const YAML::Node& value, const std::string& field) const {
    if (!value.IsScalar()) fail(value, field, "expected a number");
    auto parsed = parse_exact(value.as<std::string>());
    if (!parsed) fail(value, field, "expected a number such as 33.33 or 100/3, got '" + value.as<std::string>() + "'");
    return *parsed;
  }

  void load_scales(const YAML::Node& scales) {
    if (!scales.IsMap()) fail(scales, "scales", "expected a mapping of scale name to options and scores");
    for (const auto& kv : scales) {
      Scale scale;
      scale.id = kv.first.as<std::string>();
      const std::string where = "scales." + scale.id;
      allow_keys(kv.second, where, {"options", "scores", "notes"});
      const YAML::Node options = require(kv.second, "options", where);
      const YAML::Node scores = require(kv.second, "scores", where);
      if (!options.IsSequence() || options.size() < 2) fail(options, where + ".options", "expected a list of at least two answer options");
      if (!scores.IsSequence() || scores.size() != options.size()) {
        fail(scores, where + ".scores", "expected one score per option (" + std::to_string(options.size()) + ")");
      }
      for (const auto& o : options) scale.options.push_back(o.as<std::string>());
      for (const auto& s : scores) {
        Exact value = number(s, where + ".scores");
        if (value < 0 || value > 100) fail(s, where + ".scores", "a score must be within 0-100");
        scale.scores.push_back(value);
      }
      fw_.scales.push_back(std::move(scale));
    }
  }

  int scale_index(const YAML::Node& value, const std::string& field) const {
    const auto name = value.as<std::string>();
    for (std::size_t i = 0; i < fw_.scales.size(); ++i) {
      if (fw_.scales[i].id == name) return static_cast<int>(i);
    }
    fail(value, field, "unknown scale '" + name + "'");
  }

  int add_node(Node node, const YAML::Node& at) {
    if (node.id.empty()) fail(at, "id", "missing");
    if (fw_.by_id.count(node.id) != 0) fail(at, node.id, "duplicate id");
    node.line = at.Mark().line + 1;
    const int index = static_cast<int>(fw_.nodes.size());
    fw_.by_id.emplace(node.id, index);
    if (node.parent >= 0) fw_.nodes[static_cast<std::size_t>(node.parent)].children.push_back(index);
    fw_.nodes.push_back(std::move(node));
    return index;
  }

  Aggregate aggregate_of(const YAML::Node& map, const std::string& where) const {
    YAML::Node value = map["mean_of"];
    if (!value) return Aggregate::Children;
    const auto name = value.as<std::string>();
    if (name == "children") return Aggregate::Children;
    if (name == "questions") return Aggregate::Questions;
    if (name == "items") return Aggregate::Items;
    fail(value, where + ".mean_of", "expected children, questions or items");
  }

  void load_tools(const YAML::Node& tools) {
    if (!tools.IsSequence() || tools.size() == 0) fail(tools, "tools", "expected a list of tools");
    for (const auto& t : tools) {
      allow_keys(t, "tools", {"id", "name_th", "name_en", "weight", "mean_of", "indicators"});
      Node node;
      node.id = text(t, "id", true);
      node.kind = NodeKind::Tool;
      node.name_th = text(t, "name_th", false);
      node.name_en = text(t, "name_en", false);
      node.weight = number(require(t, "weight", node.id), node.id + ".weight");
      if (node.weight <= 0) fail(t["weight"], node.id + ".weight", "a weight must be above 0");
      node.aggregate = aggregate_of(t, node.id);
      const int index = add_node(std::move(node), t);
      fw_.tools.push_back(index);
      load_group(require(t, "indicators", fw_.node(index).id), index, NodeKind::Indicator);
      check_not_empty(index, t);
    }
  }

  // Indicators and sub-indicators: hold sub-indicators, questions or items.
  void load_group(const YAML::Node& list, int parent, NodeKind kind) {
    const std::string where = fw_.node(parent).id;
    if (!list.IsSequence()) fail(list, where, "expected a list");
    for (const auto& g : list) {
      allow_keys(g, where, {"id", "name_th", "name_en", "mean_of", "subindicators", "questions", "items", "notes"});
      Node node;
      node.id = text(g, "id", true);
      node.kind = kind;
      node.parent = parent;
      node.name_th = text(g, "name_th", false);
      node.name_en = text(g, "name_en", false);
      node.aggregate = aggregate_of(g, node.id);
      const int index = add_node(std::move(node), g);
      if (auto subs = g["subindicators"]) load_group(subs, index, NodeKind::Subindicator);
      if (auto questions = g["questions"]) load_questions(questions, index);
      if (auto items = g["items"]) load_items(items, index);
      check_not_empty(index, g);
    }
  }

  void load_questions(const YAML::Node& list, int parent) {
    const std::string where = fw_.node(parent).id + ".questions";
    if (!list.IsSequence()) fail(list, where, "expected a list");
    for (const auto& q : list) {
      allow_keys(q, where, {"id", "text_th", "text_en", "scale", "sub_items", "notes"});
      Node node;
      node.id = text(q, "id", true);
      node.kind = NodeKind::Question;
      node.parent = parent;
      node.name_th = text(q, "text_th", false);
      node.name_en = text(q, "text_en", false);
      const bool has_scale = static_cast<bool>(q["scale"]);
      const bool has_subs = static_cast<bool>(q["sub_items"]);
      if (has_scale == has_subs) fail(q, node.id, "a question has either a scale or sub_items");
      if (has_scale) node.scale = scale_index(q["scale"], node.id + ".scale");
      const std::string qid = node.id;
      const int index = add_node(std::move(node), q);
      if (!has_subs) continue;
      const YAML::Node subs = q["sub_items"];
      if (!subs.IsSequence() || subs.size() == 0) fail(subs, qid + ".sub_items", "expected a list");
      int number = 0;
      for (const auto& s : subs) {
        allow_keys(s, qid + ".sub_items", {"text_th", "text_en", "scale", "notes"});
        Node sub;
        sub.id = qid + "." + std::to_string(++number);
        sub.kind = NodeKind::SubItem;
        sub.parent = index;
        sub.name_th = text(s, "text_th", false);
        sub.name_en = text(s, "text_en", false);
        sub.scale = scale_index(require(s, "scale", sub.id), sub.id + ".scale");
        add_node(std::move(sub), s);
      }
    }
  }

  void load_items(const YAML::Node& list, int parent) {
    const std::string where = fw_.node(parent).id + ".items";
    if (!list.IsSequence()) fail(list, where, "expected a list");
    for (const auto& it : list) {
      Node node;
      node.kind = NodeKind::Item;
      node.parent = parent;
      if (it.IsScalar()) {
        node.id = it.as<std::string>();
      } else {
        allow_keys(it, where, {"id", "name_th", "name_en", "notes"});
        node.id = text(it, "id", true);
        node.name_th = text(it, "name_th", false);
        node.name_en = text(it, "name_en", false);
      }
      add_node(std::move(node), it);
    }
  }

  void check_not_empty(int index, const YAML::Node& at) const {
    if (fw_.node(index).children.empty()) fail(at, fw_.node(index).id, "has nothing to aggregate");
  }

  void load_rating(const YAML::Node& list) {
    if (!list.IsSequence() || list.size() == 0) fail(list, "rating", "expected a list of levels, best first");
    std::set<std::string> codes;
    for (const auto& r : list) {
      allow_keys(r, "rating", {"code", "th", "en", "min_total", "min_each_tool", "printed"});
      RatingLevel level;
      level.code = text(r, "code", true);
      level.th = text(r, "th", true);
      level.en = text(r, "en", true);
      level.min_total = number(require(r, "min_total", level.code), level.code + ".min_total");
      if (r["min_each_tool"]) level.min_each_tool = number(r["min_each_tool"], level.code + ".min_each_tool");
      if (!codes.insert(level.code).second) fail(r, level.code, "duplicate rating code");
      if (!fw_.rating.empty() && level.min_total > fw_.rating.back().min_total) {
        fail(r, level.code + ".min_total", "levels must be listed best first");
      }
      fw_.rating.push_back(std::move(level));
    }
    const RatingLevel& floor = fw_.rating.back();
    if (floor.min_total != 0 || floor.min_each_tool) {
      fail(list, "rating", "the last level must accept every score (min_total: 0, no min_each_tool)");
    }
  }

  std::filesystem::path file_;
  Framework fw_;
};

}  // namespace

Framework load_framework_file(const std::filesystem::path& file) { return Loader(file).load(); }

std::filesystem::path default_frameworks_dir() { return data_dir() / "rules" / "frameworks"; }

Framework load_framework(const std::string& name_or_path, const std::filesystem::path& frameworks_dir) {
  const bool looks_like_path = name_or_path.find('/') != std::string::npos ||
                               name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml");
  if (looks_like_path) return load_framework_file(name_or_path);
  const auto known = list_frameworks(frameworks_dir);
  if (std::find(known.begin(), known.end(), name_or_path) == known.end()) {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw InputError("", 0, "--framework", "unknown framework '" + name_or_path + "' (known: " + list + ")");
  }
  Framework fw = load_framework_file(frameworks_dir / (name_or_path + ".yaml"));
  if (fw.id != name_or_path) {
    throw InputError(fw.file.string(), 1, "id", "is '" + fw.id + "' but the file is named " + name_or_path);
  }
  return fw;
}

std::vector<std::string> list_frameworks(const std::filesystem::path& frameworks_dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(frameworks_dir, ec)) {
    if (entry.path().extension() == ".yaml") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace oitscan::score
