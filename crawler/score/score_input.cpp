#include "score/score_input.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/input_error.hpp"

namespace oitscan::score {
namespace {

using nlohmann::json;

// nlohmann::json does not keep source positions, so a field's line is found again in the text:
// the first occurrence of each quoted key of the path, in order. Good enough to point a user at it.
int line_of(const std::string& text, const std::vector<std::string>& path) {
  std::size_t pos = 0;
  for (const auto& key : path) {
    const std::string quoted = "\"" + key + "\"";
    const std::size_t found = text.find(quoted, pos);
    if (found == std::string::npos) break;
    pos = found;
  }
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

int line_of_offset(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

class InputReader {
 public:
  InputReader(const Framework& fw, const std::string& text, std::string file)
      : fw_(fw), text_(text), file_(std::move(file)) {}

  ScoreInput read() {
    json root;
    try {
      root = json::parse(text_);
    } catch (const json::parse_error& e) {
      throw InputError(file_, line_of_offset(text_, e.byte), "", std::string("malformed JSON: ") + e.what());
    }
    if (!root.is_object()) throw InputError(file_, 1, "", "expected a JSON object");
    for (const auto& [key, value] : root.items()) {
      if (key == "schema" || key == "comment") continue;
      if (key == "questions") read_questions(value);
      else if (key == "oit_items") read_section(value, key, {NodeKind::Item});
      else if (key == "subindicators") read_section(value, key, {NodeKind::Subindicator});
      else if (key == "indicators") read_section(value, key, {NodeKind::Indicator});
      else if (key == "tools") read_section(value, key, {NodeKind::Tool});
      else fail({key}, "unknown section (expected questions, oit_items, subindicators, indicators or tools)");
    }
    return std::move(input_);
  }

 private:
  [[noreturn]] void fail(const std::vector<std::string>& path, const std::string& message) const {
    std::string field;
    for (const auto& p : path) field += (field.empty() ? "" : ".") + p;
    throw InputError(file_, line_of(text_, path), field, message);
  }

  int lookup(const std::vector<std::string>& path, std::initializer_list<NodeKind> kinds, const std::string& section) const {
    const std::string& id = path.back();
    const int index = fw_.find(id);
    if (index < 0) fail(path, "unknown in framework " + fw_.id);
    const NodeKind kind = fw_.node(index).kind;
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
      fail(path, std::string("is a ") + std::string(kind_name(kind)) + ", not expected under \"" + section + "\"");
    }
    return index;
  }

  Exact score_value(const json& value, const std::vector<std::string>& path) const {
    Exact score;
    if (value.is_number_integer() || value.is_number_unsigned()) {
      score = Exact(value.get<long long>());
    } else if (value.is_number_float()) {
      score = exact_from_double(value.get<double>());
    } else {
      fail(path, "expected a number from 0 to 100");
    }
    if (score < 0 || score > 100) fail(path, "score " + value.dump() + " is outside 0-100");
    return score;
  }

  void read_section(const json& section, const std::string& name, std::initializer_list<NodeKind> kinds) {
    if (!section.is_object()) fail({name}, "expected an object of id -> score");
    for (const auto& [id, value] : section.items()) {
      const std::vector<std::string> path{name, id};
      const int index = lookup(path, kinds, name);
      if (kinds.size() == 1 && *kinds.begin() == NodeKind::Item && value.is_string()) {
        const auto verdict = value.get<std::string>();
        if (verdict == "pass") input_.given[index] = Exact(100);
        else if (verdict == "fail") input_.given[index] = Exact(0);
        else fail(path, "expected pass, fail or a score from 0 to 100, got \"" + verdict + "\"");
        continue;
      }
      input_.given[index] = score_value(value, path);
    }
  }

  void read_questions(const json& section) {
    if (!section.is_object()) fail({"questions"}, "expected an object of question id -> {score} or {counts}");
    for (const auto& [id, value] : section.items()) {
      const std::vector<std::string> path{"questions", id};
      int index = lookup(path, {NodeKind::Question, NodeKind::SubItem}, "questions");
      if (!value.is_object()) fail(path, "expected {\"score\": …} or {\"counts\": […]}");
      const bool has_score = value.contains("score");
      const bool has_counts = value.contains("counts");
      for (const auto& [k, v] : value.items()) {
        if (k != "score" && k != "counts") fail({"questions", id, k}, "unknown field (expected score or counts)");
      }
      if (has_score == has_counts) fail(path, "give exactly one of score or counts");
      if (has_score) {
        input_.given[index] = score_value(value["score"], {"questions", id, "score"});
        continue;
      }
      // Counts belong to a scale: a question with a single sub-item takes them for that sub-item.
      const Node* node = &fw_.node(index);
      if (node->scale < 0) {
        if (node->children.size() != 1) {
          fail({"questions", id, "counts"}, "this question has " + std::to_string(node->children.size()) +
                                               " sub-items; give counts for each, e.g. " + id + ".1");
        }
        index = node->children.front();
        node = &fw_.node(index);
      }
      const Scale& scale = fw_.scales[static_cast<std::size_t>(node->scale)];
      const json& counts = value["counts"];
      const std::vector<std::string> cpath{"questions", id, "counts"};
      if (!counts.is_array()) fail(cpath, "expected a list of answer counts");
      if (counts.size() != scale.options.size()) {
        std::string names;
        for (const auto& o : scale.options) names += (names.empty() ? "" : ", ") + o;
        fail(cpath, "expected " + std::to_string(scale.options.size()) + " counts (" + names + "), got " +
                        std::to_string(counts.size()));
      }
      std::vector<Exact> parsed;
      Exact total = 0;
      for (const auto& c : counts) {
        if (!c.is_number_integer() && !c.is_number_unsigned()) fail(cpath, "counts are whole numbers, got " + c.dump());
        if (c.is_number_integer() && c.get<long long>() < 0) fail(cpath, "counts cannot be negative, got " + c.dump());
        parsed.emplace_back(c.get<long long>());
        total += parsed.back();
      }
      if (total == 0) fail(cpath, "all counts are zero: no answers to score");
      input_.counts[index] = std::move(parsed);
    }
  }

  const Framework& fw_;
  const std::string& text_;
  std::string file_;
  ScoreInput input_;
};

}  // namespace

ScoreInput parse_score_input(const Framework& fw, const std::string& json_text, const std::string& file_name) {
  return InputReader(fw, json_text, file_name).read();
}

}  // namespace oitscan::score
