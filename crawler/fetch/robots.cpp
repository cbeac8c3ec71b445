#include "fetch/robots.hpp"

#include "common/text.hpp"

namespace oitscan::fetch {
namespace {

// Does `pattern` (with `*` = any run, trailing `$` = end) match a prefix of `path`?
bool matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Classic wildcard matching with backtracking on the last `*`; both inputs are short.
  std::size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // the pattern is a prefix of the path
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

RobotsRules RobotsRules::parse(std::string_view text, std::string_view product) {
  // Collect the rules of the groups naming our product, else those of `*`.
  std::vector<Rule> mine, star;
  bool in_mine = false, in_star = false, last_was_agent = false;
  while (!text.empty()) {
    const auto eol = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    line = line.substr(0, line.find('#'));
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(key, "user-agent")) {
      if (!last_was_agent) in_mine = in_star = false;  // a new group starts
      last_was_agent = true;
      if (value == "*") in_star = true;
      else if (iequals(value, product)) in_mine = true;
      continue;
    }
    last_was_agent = false;
    const bool allow = iequals(key, "allow");
    if (!allow && !iequals(key, "disallow")) continue;
    if (value.empty()) continue;  // "Disallow:" with nothing allows everything
    if (in_mine) mine.push_back({allow, std::string(value)});
    if (in_star) star.push_back({allow, std::string(value)});
  }
  RobotsRules r;
  r.rules_ = mine.empty() ? std::move(star) : std::move(mine);
  return r;
}

bool RobotsRules::allows(std::string_view path) const {
  // The longest matching pattern wins; on a tie, Allow wins (RFC 9309 §2.2.2).
  std::size_t best_len = 0;
  bool verdict = true;
  bool any = false;
  for (const auto& rule : rules_) {
    if (!matches(rule.pattern, path)) continue;
    if (!any || rule.pattern.size() > best_len || (rule.pattern.size() == best_len && rule.allow)) {
      best_len = rule.pattern.size();
      verdict = rule.allow;
      any = true;
    }
  }
  return verdict;
}

}  // namespace oitscan::fetch
