#pragma once
// robots.txt (RFC 9309): the group for our product token (or `*`), and the longest-match
// Allow/Disallow decision with `*` wildcards and the `$` end anchor.
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::fetch {

class RobotsRules {
 public:
  RobotsRules() = default;  // allows everything
  // `product` is our user-agent product token, e.g. "oitscan".
  static RobotsRules parse(std::string_view text, std::string_view product);
  // `path` is the URL's path plus query, percent-encoded as sent ("/a/b?c=1").
  bool allows(std::string_view path) const;

 private:
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> rules_;
};

}  // namespace oitscan::fetch
