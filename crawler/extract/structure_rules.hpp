#pragma once
// The data behind page structure: which HTML markup is site chrome (rules/html-chrome.yaml) and
// which phrases make a placeholder page (rules/placeholders.yaml). Data files, so a new portal
// theme or a new "coming soon" wording is a data change.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::extract {

// What one element says about itself: its tag name, id, class and role (all as written).
struct ElementMarks {
  std::string_view tag;  // lower-case element name
  std::string_view id;
  std::string_view cls;
  std::string_view role;
};

class ChromeRules {
 public:
  static ChromeRules load(const std::filesystem::path& file);  // throws InputError
  static const ChromeRules& default_rules();                   // data_dir()/rules/html-chrome.yaml

  // The chrome kind the element declares ("nav", "sidebar", "footer", ...) or "" when none.
  // inside_main: the element is inside the main content (or inside an <article>/<section>), where
  // page-level kinds do not apply. holds_table: the element contains a <table>; inside main,
  // weak kinds then do not apply, and a <table> itself is never chrome by its id/class there.
  std::string chrome_kind(const ElementMarks& e, bool inside_main, bool holds_table) const;
  bool is_main_by_markup(const ElementMarks& e) const;  // <main>, <article>, role=main
  bool is_main_by_name(const ElementMarks& e) const;    // id/class content, entry, post-body, ...

  // Lower-cased tokens of a class or id value, split on '-', '_' and whitespace.
  static std::vector<std::string> tokens(std::string_view value);

 private:
  std::string kind_by_name(std::string_view value) const;  // id or class attribute value
  std::map<std::string, std::string, std::less<>> tags_, roles_, tokens_, names_;
  std::vector<std::string> affixes_, page_level_, weak_, ignored_prefixes_;
  std::vector<std::string> main_tags_, main_roles_, main_names_;
};

struct PlaceholderRules {
  std::vector<std::string> phrases;  // compact form: no whitespace, Latin lower-cased
  std::size_t max_letters_with_phrase = 120;
  std::size_t max_letters_without_phrase = 10;
  std::size_t max_other_lines_with_phrase = 2;

  static PlaceholderRules load(const std::filesystem::path& file);  // throws InputError
  static const PlaceholderRules& default_rules();                   // data_dir()/rules/placeholders.yaml
};

// Text without whitespace and with ASCII letters lower-cased: how phrases are compared.
std::string compact_text(std::string_view text);

}  // namespace oitscan::extract
