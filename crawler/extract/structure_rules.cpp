#include "extract/structure_rules.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "thai/normalize.hpp"

#include "common/text.hpp"

namespace oitscan::extract {
namespace {

YAML::Node load_yaml(const std::filesystem::path& file) {
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw InputError(file.string(), e.mark.line + 1, "", e.what());
  }
}

std::string lower(std::string_view s) { return ascii_lower(s); }

template <class T>
T read(const std::filesystem::path& file, const YAML::Node& root, const char* key, T fallback) {
  const YAML::Node n = root[key];
  if (!n) return fallback;
  try {
    return n.as<T>();
  } catch (const YAML::Exception& e) {
    throw InputError(file.string(), n.Mark().line + 1, key, e.what());
  }
}

std::map<std::string, std::string, std::less<>> read_map(const std::filesystem::path& file, const YAML::Node& root,
                                                         const char* key) {
  std::map<std::string, std::string, std::less<>> out;
  for (auto& [k, v] : read<std::map<std::string, std::string>>(file, root, key, {})) out[lower(k)] = v;
  return out;
}

std::vector<std::string> read_list(const std::filesystem::path& file, const YAML::Node& root, const char* key) {
  std::vector<std::string> out = read<std::vector<std::string>>(file, root, key, {});
  for (auto& s : out) s = lower(s);
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// Whitespace-separated words of an attribute value.
std::vector<std::string> words(std::string_view value) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i])) != 0) ++i;
    std::size_t e = i;
    while (e < value.size() && std::isspace(static_cast<unsigned char>(value[e])) == 0) ++e;
    if (e > i) out.push_back(lower(value.substr(i, e - i)));
    i = e;
  }
  return out;
}

}  // namespace

std::vector<std::string> ChromeRules::tokens(std::string_view value) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : value) {
    if (c == '-' || c == '_' || std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(ascii_lower(c));
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

ChromeRules ChromeRules::load(const std::filesystem::path& file) {
  const YAML::Node root = load_yaml(file);
  ChromeRules r;
  r.tags_ = read_map(file, root, "tags");
  r.roles_ = read_map(file, root, "roles");
  r.tokens_ = read_map(file, root, "tokens");
  r.names_ = read_map(file, root, "names");
  r.affixes_ = read_list(file, root, "affixes");
  r.page_level_ = read_list(file, root, "page_level_kinds");
  r.weak_ = read_list(file, root, "weak_kinds");
  r.ignored_prefixes_ = read_list(file, root, "ignored_prefixes");
  if (const YAML::Node m = root["main"]) {
    r.main_tags_ = read_list(file, m, "tags");
    r.main_roles_ = read_list(file, m, "roles");
    r.main_names_ = read_list(file, m, "names");
  }
  return r;
}

const ChromeRules& ChromeRules::default_rules() {
  static std::once_flag once;
  static ChromeRules rules;
  std::call_once(once, [] { rules = load(data_dir() / "rules" / "html-chrome.yaml"); });
  return rules;
}

std::string ChromeRules::kind_by_name(std::string_view value) const {
  for (const std::string& word : words(value)) {
    const bool ignored = std::any_of(ignored_prefixes_.begin(), ignored_prefixes_.end(),
                                     [&](const std::string& p) { return word.rfind(p, 0) == 0; });
    if (ignored) continue;
    if (auto it = names_.find(word); it != names_.end()) return it->second;
    for (const std::string& t : tokens(word)) {
      if (auto it = tokens_.find(t); it != tokens_.end()) return it->second;
      for (const std::string& a : affixes_) {
        const bool prefix = t.size() > a.size() && t.compare(0, a.size(), a) == 0;
        const bool suffix = t.size() > a.size() && t.compare(t.size() - a.size(), a.size(), a) == 0;
        if (prefix || suffix) {
          auto k = tokens_.find(a);
          return k == tokens_.end() ? a : k->second;
        }
      }
    }
  }
  return {};
}

std::string ChromeRules::chrome_kind(const ElementMarks& e, bool inside_main, bool holds_table) const {
  std::string kind;
  if (auto it = tags_.find(e.tag); it != tags_.end()) kind = it->second;
  if (kind.empty() && !e.role.empty()) {
    if (auto it = roles_.find(lower(e.role)); it != roles_.end()) kind = it->second;
  }
  const bool by_markup = !kind.empty();
  if (kind.empty() && !(inside_main && e.tag == "table")) {
    kind = kind_by_name(e.id);
    if (kind.empty()) kind = kind_by_name(e.cls);
  }
  if (kind.empty() || !inside_main) return kind;
  if (contains(page_level_, kind)) return {};
  // A data table inside the content stays content even in a "widget" box; <nav>/<aside> stay chrome.
  if (!by_markup && holds_table && contains(weak_, kind)) return {};
  return kind;
}

bool ChromeRules::is_main_by_markup(const ElementMarks& e) const {
  return contains(main_tags_, e.tag) || (!e.role.empty() && contains(main_roles_, lower(e.role)));
}

bool ChromeRules::is_main_by_name(const ElementMarks& e) const {
  for (std::string_view value : {e.id, e.cls}) {
    for (const std::string& word : words(value)) {
      if (contains(main_names_, word)) return true;
    }
  }
  return false;
}

PlaceholderRules PlaceholderRules::load(const std::filesystem::path& file) {
  const YAML::Node root = load_yaml(file);
  PlaceholderRules r;
  for (const std::string& p : read<std::vector<std::string>>(file, root, "phrases", {})) {
    std::string c = compact_text(thai::normalize(p));
    if (!c.empty()) r.phrases.push_back(std::move(c));
  }
  // Longest first, so "ยังไม่มีข้อมูล" is removed whole before "ไม่มีข้อมูล" would leave "ยัง".
  std::stable_sort(r.phrases.begin(), r.phrases.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  r.max_letters_with_phrase = read<std::size_t>(file, root, "max_letters_with_phrase", r.max_letters_with_phrase);
  r.max_letters_without_phrase = read<std::size_t>(file, root, "max_letters_without_phrase", r.max_letters_without_phrase);
  r.max_other_lines_with_phrase =
      read<std::size_t>(file, root, "max_other_lines_with_phrase", r.max_other_lines_with_phrase);
  return r;
}

const PlaceholderRules& PlaceholderRules::default_rules() {
  static std::once_flag once;
  static PlaceholderRules rules;
  std::call_once(once, [] { rules = load(data_dir() / "rules" / "placeholders.yaml"); });
  return rules;
}

std::string compact_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) != 0) continue;
    out.push_back(ascii_lower(c));
  }
  return out;
}

}  // namespace oitscan::extract
