#include "thai/date_roles.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "thai/months.hpp"
#include "thai/normalize.hpp"
#include "thai/utf8.hpp"

namespace oitscan::thai {
namespace {

constexpr std::array<DateRole, 6> kRoles = {DateRole::Subject, DateRole::Issue, DateRole::Cited,
                                            DateRole::Event,   DateRole::Chrome, DateRole::Unknown};

// Kinds and range details a cue or a default may name (dates.hpp).
constexpr std::array<std::string_view, 12> kKindNames = {
    "day", "month", "year", "fiscal-year", "range", "days", "months", "years", "fiscal-years", "quarter",
    "half-year", "12-months"};

// The matching view (normalize.hpp) with Thai words joined, then every remaining space dropped
// and ASCII lower-cased, so "ประกาศ ณ วันที่", "ประกาศณวันที่" and "ประกาศ  ณ วันที่" meet.
// Offsets map back to the display text (plus `offset`, the slice's place in the document).
struct Compact {
  std::string text;
  std::vector<std::size_t> begin;  // per byte of text: display byte range of its character
  std::vector<std::size_t> end;
};

Compact compact_view(std::string_view display, std::size_t offset = 0) {
  const MatchingView v = make_matching_view(display, true);
  Compact c;
  c.text.reserve(v.text.size());
  for (std::size_t i = 0; i < v.text.size(); ++i) {
    char ch = v.text[i];
    if (ch == ' ') continue;
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    c.text.push_back(ch);
    c.begin.push_back(offset + v.display_begin[i]);
    c.end.push_back(offset + v.display_end[i]);
  }
  return c;
}

bool contains_any(const std::string& hay, const std::vector<std::string>& keys) {
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return hay.find(k) != std::string::npos; });
}
bool starts_with_any(const std::string& hay, const std::vector<std::string>& keys) {
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return hay.rfind(k, 0) == 0; });
}

// ---------------------------------------------------------------- YAML
[[noreturn]] void fail(const std::string& source, const YAML::Node& n, const std::string& field, const std::string& msg) {
  throw InputError(source, n.IsDefined() ? n.Mark().line + 1 : 0, field, msg);
}

std::vector<std::string> key_list(const std::string& source, const YAML::Node& n, const std::string& field) {
  std::vector<std::string> out;
  if (!n) return out;
  if (!n.IsSequence()) fail(source, n, field, "expected a list of phrases");
  for (const auto& item : n) {
    if (!item.IsScalar()) fail(source, item, field, "expected a phrase");
    std::string k = cue_key(item.as<std::string>());
    if (k.empty()) fail(source, item, field, "empty phrase");
    out.push_back(std::move(k));
  }
  return out;
}

std::size_t count_of(const std::string& source, const YAML::Node& n, const std::string& field, std::size_t fallback) {
  if (!n) return fallback;
  try {
    const long v = n.as<long>();
    if (v < 0) fail(source, n, field, "must not be negative");
    return static_cast<std::size_t>(v);
  } catch (const YAML::Exception&) {
    fail(source, n, field, "expected a number");
  }
}

DateRole role_named(const std::string& source, const YAML::Node& n, const std::string& field) {
  const auto r = date_role_from_string(n.IsScalar() ? n.as<std::string>() : "");
  if (!r) fail(source, n, field, "unknown role (subject, issue, cited, event, chrome, unknown)");
  return *r;
}

void check_kind(const std::string& source, const YAML::Node& n, const std::string& field) {
  const std::string k = n.IsScalar() ? n.as<std::string>() : "";
  if (std::find(kKindNames.begin(), kKindNames.end(), k) == kKindNames.end()) {
    fail(source, n, field, "unknown date kind '" + k + "'");
  }
}

void check_keys(const std::string& source, const YAML::Node& map, const std::string& field,
                std::initializer_list<std::string_view> known) {
  for (const auto& kv : map) {
    const std::string k = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      fail(source, kv.first, field.empty() ? k : field + "." + k, "unknown field");
    }
  }
}

RoleCue parse_cue(const std::string& source, const YAML::Node& n, DateRole role, const std::string& field) {
  RoleCue c;
  c.role = role;
  // yaml-cpp nodes are references: assigning one node to another writes into it, so the phrase
  // node is chosen once rather than reassigned.
  const YAML::Node phrase = n.IsMap() ? n["cue"] : n;
  if (n.IsMap()) {
    check_keys(source, n, field, {"cue", "max_gap", "kinds"});
    if (n["max_gap"]) c.max_gap = count_of(source, n["max_gap"], field + ".max_gap", 0);
    if (const YAML::Node k = n["kinds"]) {
      if (!k.IsSequence()) fail(source, k, field + ".kinds", "expected a list of kinds");
      for (const auto& item : k) {
        check_kind(source, item, field + ".kinds");
        c.kinds.push_back(item.as<std::string>());
      }
    }
  }
  if (!phrase || !phrase.IsScalar()) fail(source, n, field, "expected a phrase or {cue: …}");
  c.phrase = phrase.as<std::string>();
  c.key = cue_key(c.phrase);
  if (c.key.empty()) fail(source, n, field, "empty cue");
  return c;
}

// ---------------------------------------------------------------- lines of the document
struct Lines {
  std::vector<std::size_t> begin;  // display byte where each line starts
  std::vector<std::size_t> end;    // ... and ends (before '\n')
  std::vector<long> rank;          // index among non-empty lines, -1 for blank lines
  long non_empty = 0;

  explicit Lines(std::string_view text) {
    std::size_t b = 0;
    for (;;) {
      const std::size_t nl = text.find('\n', b);
      const std::size_t e = nl == std::string_view::npos ? text.size() : nl;
      begin.push_back(b);
      end.push_back(e);
      const bool blank = text.substr(b, e - b).find_first_not_of(" \t\r\f\v") == std::string_view::npos;
      rank.push_back(blank ? -1 : non_empty++);
      if (nl == std::string_view::npos) break;
      b = nl + 1;
    }
  }
  std::size_t line_of(std::size_t offset) const {
    return static_cast<std::size_t>(std::upper_bound(begin.begin(), begin.end(), offset) - begin.begin()) - 1;
  }
};

struct CueHit {
  std::size_t cue = 0;  // index in RoleCues::cues
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool kind_matches(const RoleCue& c, const DateMention& d) {
  if (c.kinds.empty()) return true;
  return std::any_of(c.kinds.begin(), c.kinds.end(),
                     [&](const std::string& k) { return k == to_string(d.kind) || (!d.detail.empty() && k == d.detail); });
}

class Assigner {
 public:
  Assigner(std::string_view text, const std::vector<DateMention>& dates, const RoleCues& cues)
      : text_(text), dates_(dates), cues_(cues), lines_(text), hits_(lines_.begin.size()),
        hits_done_(lines_.begin.size(), false), keys_(lines_.begin.size()), keys_done_(lines_.begin.size(), false),
        header_cache_(lines_.begin.size(), -1) {}

  std::vector<RoleAssignment> run() {
    std::vector<RoleAssignment> out;
    out.reserve(dates_.size());
    std::vector<std::size_t> reach(dates_.size());  // display byte a cue for date i may start at
    for (std::size_t i = 0; i < dates_.size(); ++i) {
      const DateMention& d = dates_[i];
      const std::size_t line = lines_.line_of(d.begin);
      reach[i] = lines_.begin[line];
      // A date in between blocks older cues, unless only connectors separate the two dates.
      if (i > 0 && dates_[i - 1].end <= d.begin && lines_.line_of(dates_[i - 1].begin) == line) {
        reach[i] = only_connectors(dates_[i - 1].end, d.begin) ? reach[i - 1] : dates_[i - 1].end;
      }
      out.push_back(decide(d, line, reach[i]));
    }
    return out;
  }

 private:
  RoleAssignment decide(const DateMention& d, std::size_t line, std::size_t reach) {
    if (const CueHit* h = nearest_cue(d, line, reach)) {
      const RoleCue& c = cues_.cues[h->cue];
      return {c.role, "cue:" + c.phrase};
    }
    if (const CueHit* h = wrapped_cue(d, line, reach)) {
      const RoleCue& c = cues_.cues[h->cue];
      return {c.role, "cue:" + c.phrase + " (line above)"};
    }
    if (is_month_header(line)) return {DateRole::Subject, "month-header"};
    if (in_memo_header(line)) return {DateRole::Issue, "header"};
    if (in_signature(line)) return {DateRole::Issue, "signature"};
    if (is_dateline(d, line)) return {DateRole::Issue, "dateline"};
    for (const auto& [kind, role] : cues_.defaults) {
      if (!d.detail.empty() && kind == d.detail) return {role, "kind:" + kind};
    }
    for (const auto& [kind, role] : cues_.defaults) {
      if (kind == to_string(d.kind)) return {role, "kind:" + kind};
    }
    return {DateRole::Unknown, ""};
  }

  const CueHit* nearest_cue(const DateMention& d, std::size_t line, std::size_t reach) {
    struct Candidate {
      const CueHit* hit;
      std::size_t gap;
    };
    std::vector<Candidate> found;
    for (const CueHit& h : hits(line)) {
      const RoleCue& c = cues_.cues[h.cue];
      if (h.begin < reach || h.begin > d.begin || !kind_matches(c, d)) continue;
      // A cue may overlap the date's own text ("ปีงบประมาณ พ.ศ." opens a fiscal-year mention).
      const std::size_t gap = h.end >= d.begin ? 0 : count_code_points(text_.substr(h.end, d.begin - h.end));
      if (gap > c.max_gap.value_or(cues_.window)) continue;
      found.push_back({&h, gap});
    }
    if (found.empty()) return nullptr;
    std::stable_sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) {
      if (a.gap != b.gap) return a.gap < b.gap;
      return cues_.cues[a.hit->cue].key.size() > cues_.cues[b.hit->cue].key.size();  // the longer phrase
    });
    const CueHit* winner = found.front().hit;
    for (std::size_t k = 1; k < found.size(); ++k) {
      const RoleCue& farther = cues_.cues[found[k].hit->cue];
      if (found[k].hit->end > winner->begin) continue;  // overlapping shorter phrase: not a span
      if (!spans(farther.role, cues_.cues[winner->cue].key)) break;
      winner = found[k].hit;
    }
    return winner;
  }

  // A title wrapped by the PDF producer: "…ในรอบเดือน" ending one line, "ธันวาคม พ.ศ. 2567"
  // opening the next. A cue that ends the previous non-empty line reaches a date that opens its
  // own line, as if the two lines were one.
  const CueHit* wrapped_cue(const DateMention& d, std::size_t line, std::size_t reach) {
    if (reach != lines_.begin[line] || !compact_view(text_.substr(reach, d.begin - reach)).text.empty()) return nullptr;
    std::size_t above = line;
    while (above > 0 && lines_.rank[--above] < 0) {
    }
    if (above == line || lines_.rank[above] < 0) return nullptr;
    const CueHit* best = nullptr;
    for (const CueHit& h : hits(above)) {
      const RoleCue& c = cues_.cues[h.cue];
      if (!kind_matches(c, d)) continue;
      if (!compact_view(text_.substr(h.end, lines_.end[above] - h.end)).text.empty()) continue;  // not at the line's end
      if (best == nullptr || h.begin < best->begin) best = &h;  // the longest phrase ending there
    }
    return best;
  }

  // A dateline: a line holding nothing but "วันที่" and one day ("วันที่ 7 มกราคม 2568" under a
  // form's title) is the date the document was made out, whatever document it is.
  bool is_dateline(const DateMention& d, std::size_t line) {
    if (d.kind != DateKind::Day) return false;
    const std::string& key = line_key(line);
    const std::string date_key = compact_view(text_.substr(d.begin, d.end - d.begin)).text;
    for (const auto& cue : cues_.header.line_cues) {
      if (key.size() == cue.size() + date_key.size() && key.compare(0, cue.size(), cue) == 0 &&
          key.compare(cue.size(), std::string::npos, date_key) == 0) {
        return true;
      }
    }
    return false;
  }

  bool spans(DateRole role, const std::string& key) const {
    for (const auto& [r, keys] : cues_.spans) {
      if (r == role && std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    }
    return false;
  }

  bool only_connectors(std::size_t b, std::size_t e) const {
    const std::string compact = compact_view(text_.substr(b, e - b)).text;  // (a view of a temporary would dangle)
    std::string_view rest = compact;
    while (!rest.empty()) {
      bool stripped = false;
      for (const auto& k : cues_.connectors) {
        if (rest.substr(0, k.size()) == k) {
          rest.remove_prefix(k.size());
          stripped = true;
          break;
        }
      }
      if (!stripped) return false;
    }
    return true;
  }

  const std::vector<CueHit>& hits(std::size_t line) {
    if (hits_done_[line]) return hits_[line];
    hits_done_[line] = true;
    const Compact c = compact_view(text_.substr(lines_.begin[line], lines_.end[line] - lines_.begin[line]),
                                   lines_.begin[line]);
    for (std::size_t ci = 0; ci < cues_.cues.size(); ++ci) {
      const std::string& key = cues_.cues[ci].key;
      for (std::size_t p = c.text.find(key); p != std::string::npos; p = c.text.find(key, p + 1)) {
        hits_[line].push_back({ci, c.begin[p], c.end[p + key.size() - 1]});
      }
    }
    return hits_[line];
  }

  const std::string& line_key(std::size_t line) {
    if (!keys_done_[line]) {
      keys_[line] = compact_view(text_.substr(lines_.begin[line], lines_.end[line] - lines_.begin[line])).text;
      keys_done_[line] = true;
    }
    return keys_[line];
  }

  // A table header: month names (or month dates) and nothing else but allowed words and numbers.
  bool is_month_header(std::size_t line) {
    // Cached per line: a table header row holds several dates that all ask.
    if (header_cache_[line] < 0) header_cache_[line] = month_header_uncached(line) ? 1 : 0;
    return header_cache_[line] == 1;
  }

  bool month_header_uncached(std::size_t line) {
    const std::size_t lb = lines_.begin[line];
    std::string rest(text_.substr(lb, lines_.end[line] - lb));
    std::size_t months = 0;
    for (const DateMention& d : dates_) {
      if (d.begin < lb || d.end > lines_.end[line]) continue;
      if (d.kind == DateKind::Month || d.detail == "months") ++months;
      std::fill(rest.begin() + static_cast<long>(d.begin - lb), rest.begin() + static_cast<long>(d.end - lb), ' ');
    }
    std::istringstream words(rest);
    for (std::string w; words >> w;) {
      if (month_from_word(w)) {
        ++months;
        continue;
      }
      const std::string k = cue_key(w);
      if (std::find(cues_.month_header.allow.begin(), cues_.month_header.allow.end(), k) !=
          cues_.month_header.allow.end()) {
        continue;
      }
      // Numbers, years and separators ("|", "-", "๒๕๖๘") may stand between the months.
      std::size_t i = 0;
      while (i < k.size()) {
        const char32_t ch = next_code_point(k, i);
        if (is_thai_letter(ch) || (ch >= U'a' && ch <= U'z')) return false;
      }
    }
    return months >= cues_.month_header.min_months;
  }

  bool in_memo_header(std::size_t line) {
    const long r = lines_.rank[line];
    if (r < 0 || static_cast<std::size_t>(r) >= cues_.header.lines) return false;
    if (!starts_with_any(line_key(line), cues_.header.line_cues)) return false;
    for (std::size_t l = 0; l < lines_.rank.size() && lines_.rank[l] < static_cast<long>(cues_.header.lines); ++l) {
      if (lines_.rank[l] >= 0 && contains_any(line_key(l), cues_.header.markers)) return true;
    }
    return false;
  }

  bool in_signature(std::size_t line) {
    const long r = lines_.rank[line];
    if (r < 0 || r < lines_.non_empty - static_cast<long>(cues_.signature.last_lines)) return false;
    const std::string_view shown = text_.substr(lines_.begin[line], lines_.end[line] - lines_.begin[line]);
    if (count_code_points(shown) > cues_.signature.max_line_chars) return false;
    const long near = static_cast<long>(cues_.signature.near_lines);
    for (std::size_t l = 0; l < lines_.rank.size(); ++l) {
      const long lr = lines_.rank[l];
      if (lr < 0 || lr < r - near || lr > r + near) continue;
      if (contains_any(line_key(l), cues_.signature.markers)) return true;
    }
    return false;
  }

  std::string_view text_;
  const std::vector<DateMention>& dates_;
  const RoleCues& cues_;
  Lines lines_;
  std::vector<std::vector<CueHit>> hits_;  // per line, computed when a date is on it
  std::vector<bool> hits_done_;
  std::vector<std::string> keys_;
  std::vector<bool> keys_done_;
  std::vector<signed char> header_cache_;  // -1 not yet known
};

}  // namespace

std::string_view to_string(DateRole role) {
  switch (role) {
    case DateRole::Subject: return "subject";
    case DateRole::Issue: return "issue";
    case DateRole::Cited: return "cited";
    case DateRole::Event: return "event";
    case DateRole::Chrome: return "chrome";
    case DateRole::Unknown: return "unknown";
  }
  return "unknown";
}

std::optional<DateRole> date_role_from_string(std::string_view s) {
  for (DateRole r : kRoles) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}

std::string cue_key(std::string_view phrase) { return compact_view(phrase).text; }

RoleCues RoleCues::parse(std::string_view yaml, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw InputError(source, e.mark.line + 1, "", e.what());
  }
  if (!root.IsMap()) throw InputError(source, 0, "", "expected a map at the top level");
  check_keys(source, root, "",
             {"window", "cues", "spans", "connectors", "header", "signature", "month_header", "defaults"});
  RoleCues rc;
  rc.window = count_of(source, root["window"], "window", rc.window);

  const YAML::Node cues = root["cues"];
  if (!cues || !cues.IsMap()) fail(source, root, "cues", "missing map 'cues' (role: [phrases])");
  for (const auto& kv : cues) {
    const std::string field = "cues." + kv.first.as<std::string>();
    const DateRole role = role_named(source, kv.first, field);
    if (!kv.second.IsSequence()) fail(source, kv.second, field, "expected a list of cues");
    for (const auto& item : kv.second) {
      RoleCue c = parse_cue(source, item, role, field);
      for (const auto& other : rc.cues) {
        if (other.key == c.key) fail(source, item, field, "cue '" + c.phrase + "' is also listed as '" + other.phrase + "'");
      }
      rc.cues.push_back(std::move(c));
    }
  }
  if (const YAML::Node s = root["spans"]) {
    if (!s.IsMap()) fail(source, s, "spans", "expected role: [cues]");
    for (const auto& kv : s) {
      const std::string field = "spans." + kv.first.as<std::string>();
      rc.spans.emplace_back(role_named(source, kv.first, field), key_list(source, kv.second, field));
    }
  }
  rc.connectors = key_list(source, root["connectors"], "connectors");
  // Longer connectors first so "จนถึง" is not read as "จน" + "ถึง".
  std::stable_sort(rc.connectors.begin(), rc.connectors.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });

  if (const YAML::Node h = root["header"]) {
    check_keys(source, h, "header", {"lines", "markers", "line_cues"});
    rc.header.lines = count_of(source, h["lines"], "header.lines", 0);
    rc.header.markers = key_list(source, h["markers"], "header.markers");
    rc.header.line_cues = key_list(source, h["line_cues"], "header.line_cues");
  }
  if (const YAML::Node s = root["signature"]) {
    check_keys(source, s, "signature", {"last_lines", "near_lines", "max_line_chars", "markers"});
    rc.signature.last_lines = count_of(source, s["last_lines"], "signature.last_lines", 0);
    rc.signature.near_lines = count_of(source, s["near_lines"], "signature.near_lines", 0);
    rc.signature.max_line_chars = count_of(source, s["max_line_chars"], "signature.max_line_chars", 0);
    rc.signature.markers = key_list(source, s["markers"], "signature.markers");
  }
  if (const YAML::Node m = root["month_header"]) {
    check_keys(source, m, "month_header", {"min_months", "allow"});
    rc.month_header.min_months = count_of(source, m["min_months"], "month_header.min_months", 2);
    rc.month_header.allow = key_list(source, m["allow"], "month_header.allow");
  }
  if (const YAML::Node d = root["defaults"]) {
    if (!d.IsMap()) fail(source, d, "defaults", "expected kind: role");
    for (const auto& kv : d) {
      check_kind(source, kv.first, "defaults");
      const std::string kind = kv.first.as<std::string>();
      rc.defaults.emplace_back(kind, role_named(source, kv.second, "defaults." + kind));
    }
  }
  return rc;
}

RoleCues RoleCues::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot read the date role cues");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

const RoleCues& RoleCues::default_cues() {
  static std::once_flag once;
  static RoleCues cues;
  std::call_once(once, [] { cues = load(data_dir() / "rules" / "date-roles.yaml"); });
  return cues;
}

std::vector<RoleAssignment> explain_roles(std::string_view text, const std::vector<DateMention>& dates,
                                          const RoleCues& cues) {
  return Assigner(text, dates, cues).run();
}

std::vector<DateRole> assign_roles(std::string_view text, const std::vector<DateMention>& dates,
                                   const RoleCues& cues) {
  std::vector<DateRole> out;
  for (const auto& a : explain_roles(text, dates, cues)) out.push_back(a.role);
  return out;
}

}  // namespace oitscan::thai
