#include "evaluate/signature.hpp"

#include <algorithm>

#include "evaluate/text_index.hpp"
#include "thai/utf8.hpp"

namespace oitscan::evaluate {
namespace {

constexpr std::size_t kMaxRoleLine = 70;      // code points: a title line, not a sentence
constexpr std::size_t kMaxLinesAbove = 3;

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out.push_back(thai::next_code_point(s, i));
  return out;
}

// Where `needle` ends in `hay` with at most `k` edits (Sellers' approximate substring search);
// the end index and the start of the best match, or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> approx_find(const std::u32string& hay, const std::u32string& needle, std::size_t k) {
  const std::size_t m = needle.size();
  std::vector<std::size_t> prev(m + 1), cur(m + 1), start_prev(m + 1), start_cur(m + 1);
  for (std::size_t i = 0; i <= m; ++i) prev[i] = i;
  for (std::size_t j = 0; j < hay.size(); ++j) {
    cur[0] = 0;
    start_cur[0] = j + 1;
    for (std::size_t i = 1; i <= m; ++i) {
      const std::size_t sub = prev[i - 1] + (needle[i - 1] == hay[j] ? 0 : 1);
      const std::size_t del = prev[i] + 1;  // hay char extra
      const std::size_t ins = cur[i - 1] + 1;  // needle char missing in hay
      cur[i] = std::min({sub, del, ins});
      start_cur[i] = cur[i] == sub ? start_prev[i - 1] : cur[i] == del ? start_prev[i] : start_cur[i - 1];
    }
    if (cur[m] <= k) return std::make_pair(start_cur[m], j + 1);
    std::swap(prev, cur);
    std::swap(start_prev, start_cur);
  }
  return std::nullopt;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A line that signs: a name in parentheses, ลงชื่อ, or a Thai title before a name.
bool is_cue(std::string_view key) {
  return key.find('(') != std::string_view::npos || key.find("ลงชื่อ") != std::string_view::npos || starts_with(key, "นาย") ||
         starts_with(key, "นาง") || starts_with(key, "น.ส.") || starts_with(key, "ว่าที่");
}

struct Line {
  std::size_t begin, end;
  std::string key;  // compact key
};

}  // namespace

std::optional<SignatureLine> find_signature(std::string_view text, const std::vector<std::string>& role_keys, bool ocr_tolerant) {
  std::vector<Line> lines;
  for (std::size_t b = 0; b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    Line l{b, e, compact_key(text.substr(b, e - b))};
    if (!l.key.empty()) lines.push_back(std::move(l));
    b = e + 1;
  }
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const Line& line = lines[n];
    const std::u32string key = code_points(line.key);
    if (key.size() > kMaxRoleLine) continue;
    for (const auto& role_key : role_keys) {
      const std::u32string role = code_points(role_key);
      std::optional<std::pair<std::size_t, std::size_t>> at;
      if (auto exact = key.find(role); exact != std::u32string::npos) at = std::make_pair(exact, exact + role.size());
      else if (ocr_tolerant && role.size() >= 8) at = approx_find(key, role, 2);
      if (!at) continue;
      // Before the role on its line: nothing, ตำแหน่ง, or the signer's name in parentheses.
      const std::u32string before = key.substr(0, at->first);
      const bool title_line = before.empty() || before == U"ตำแหน่ง" || before.back() == U')';
      if (!title_line) continue;
      bool cue = !before.empty() && before != U"ตำแหน่ง";
      for (std::size_t up = 1; !cue && up <= kMaxLinesAbove && up <= n; ++up) cue = is_cue(lines[n - up].key);
      if (cue) return SignatureLine{line.begin, line.end};
    }
  }
  return std::nullopt;
}

}  // namespace oitscan::evaluate
