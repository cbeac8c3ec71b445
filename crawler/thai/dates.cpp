#include "thai/dates.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <memory>

#include "thai/months.hpp"
#include "thai/normalize.hpp"
#include "thai/utf8.hpp"

namespace oitscan::thai {
namespace {

// ---------------------------------------------------------------- tokens of the matching view
// Words that make the number before them a count, not a year: "15 วัน", "3 เดือน", "2 ครั้ง".
bool starts_with_count_unit(std::string_view word) {
  if (word.rfind("วันที่", 0) == 0) return false;  // "67 ถึงวันที่" / "วันที่ 5": a date follows
  for (std::string_view unit : {"วัน", "เดือน", "ปี", "ครั้ง", "คน", "ราย", "แห่ง", "ฉบับ", "ชั่วโมง", "ชม", "นาที", "บาท", "ล้าน",
                                "ราย", "หลัง", "เรื่อง", "โครงการ", "กิจกรรม", "ตาราง", "กิโล", "เมตร", "ไร่"}) {
    if (word.rfind(unit, 0) == 0) return true;
  }
  return false;
}

struct Tok {
  enum Kind { Thai, Num, Latin, Punct } kind;
  std::string_view s;
  std::size_t b;  // byte offsets in the matching view
  std::size_t e;
  bool space_before;
};

std::vector<Tok> tokenize(std::string_view v) {
  std::vector<Tok> toks;
  bool space = false;
  std::size_t i = 0;
  auto kind_of = [](char32_t c) -> int {
    if (is_thai_letter(c)) return Tok::Thai;
    if (c >= U'0' && c <= U'9') return Tok::Num;
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return Tok::Latin;
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r') return -1;
    return Tok::Punct;
  };
  while (i < v.size()) {
    const std::size_t b = i;
    const int k = kind_of(next_code_point(v, i));
    if (k < 0) {
      space = true;
      continue;
    }
    if (k != Tok::Punct) {
      std::size_t j = i;
      while (j < v.size()) {
        std::size_t n = j;
        if (kind_of(next_code_point(v, n)) != k) break;
        j = n;
      }
      i = j;
    }
    toks.push_back(Tok{static_cast<Tok::Kind>(k), v.substr(b, i - b), b, i, space});
    space = false;
  }
  return toks;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ---------------------------------------------------------------- vocabulary
// Month names and abbreviations: thai/months.hpp.
// Words that may be glued in front of a month or an abbreviation inside one Thai run.
constexpr std::array<std::string_view, 9> kMonthPrefixes = {
    "เดือน", "ณ", "วันที่", "ถึง", "ถึงเดือน", "ถึงวันที่", "ประจำเดือน", "ตั้งแต่", "ตั้งแต่เดือน"};

bool is_known_prefix(std::string_view p) {
  for (auto k : kMonthPrefixes) {
    if (p == k) return true;
  }
  return false;
}

// ICU's dictionary word breaker decides whether a month name glued to other Thai letters is a
// word of its own ("เดือนมีนาคม") rather than part of a longer word.
bool icu_word_boundary(std::string_view run, std::size_t byte_offset) {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale("th"), st));
    if (U_FAILURE(st)) bi.reset();
    return bi;
  }();
  if (!it) return false;
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(run.data(), static_cast<int32_t>(run.size())));
  const icu::UnicodeString head = icu::UnicodeString::fromUTF8(
      icu::StringPiece(run.data(), static_cast<int32_t>(byte_offset)));
  it->setText(u);
  return it->isBoundary(head.length()) != 0;
}

bool is_dash(const Tok& t) {
  return t.kind == Tok::Punct && (t.s == "-" || t.s == "–" || t.s == "—" || t.s == "‐" || t.s == "−");
}
bool is_punct(const Tok& t, std::string_view p) { return t.kind == Tok::Punct && t.s == p; }

int num_value(const Tok& t) {
  if (t.kind != Tok::Num || t.s.size() > 4) return -1;
  int v = 0;
  for (char c : t.s) v = v * 10 + (c - '0');
  return v;
}

enum class Era { None, BE, CE };

struct MonthHit {
  int month = 0;
  std::size_t b = 0;
  std::size_t next = 0;
  bool abbreviated = false;
};
struct YearHit {
  int ce = 0;
  std::size_t next = 0;
  bool two_digit = false;
  Era era = Era::None;
};
struct Point {
  int d = 0, m = 0, y = 0;  // y in CE, 0 = unknown
  std::size_t b = 0;        // view byte where the point starts
  std::size_t next = 0;     // token after the point
  bool two_digit = false;
  Era era = Era::None;
  bool month_alone = false;  // a month name without year: only usable as a range start
};

class Parser {
 public:
  explicit Parser(const std::vector<Tok>& t) : t_(t) {}

  const Tok* at(std::size_t i) const { return i < t_.size() ? &t_[i] : nullptr; }

  std::optional<MonthHit> month_at(std::size_t i) const {
    const Tok* k = at(i);
    if (k == nullptr || k->kind != Tok::Thai) return std::nullopt;
    for (const auto& m : kFullMonths) {
      if (!ends_with(k->s, m.name)) continue;
      const std::size_t prefix = k->s.size() - m.name.size();
      if (prefix == 0 || is_known_prefix(k->s.substr(0, prefix)) || icu_word_boundary(k->s, prefix)) {
        return MonthHit{m.month, k->b + prefix, i + 1, false};
      }
    }
    if (auto hit = undotted_month_at(i)) return hit;
    // Dotted abbreviations: ม.ค. / มี.ค / เดือนต.ค.
    const Tok* dot1 = at(i + 1);
    const Tok* second = at(i + 2);
    if (dot1 == nullptr || second == nullptr || !is_punct(*dot1, ".") || second->kind != Tok::Thai) return std::nullopt;
    for (const auto& m : kAbbrMonths) {
      if (second->s != m.second || !ends_with(k->s, m.first)) continue;
      const std::size_t prefix = k->s.size() - m.first.size();
      if (prefix != 0 && !is_known_prefix(k->s.substr(0, prefix))) continue;
      // Inside a longer dotted acronym (ป.ม.ค. / ก.ค.ศ.) it is not a month.
      if (prefix == 0 && i > 0 && !k->space_before && is_punct(t_[i - 1], ".")) continue;
      std::size_t next = i + 3;
      if (const Tok* d2 = at(next); d2 != nullptr && is_punct(*d2, ".") && !d2->space_before) {
        ++next;
        if (acronym_goes_on(next)) continue;
      }
      return MonthHit{m.month, k->b + prefix, next, true};
    }
    return std::nullopt;
  }

  // An abbreviation written without its inner dot: "ตค", "มีค.", "เดือนพย.". Only a whole Thai
  // run (or one after a known prefix such as เดือน) counts, so that words and acronyms that merely
  // start or end with these letters ("มีคน", "สคบ.", "กยศ.") are never months. A trailing dot,
  // glued on, belongs to the abbreviation.
  std::optional<MonthHit> undotted_month_at(std::size_t i) const {
    const Tok& k = t_[i];
    for (const auto& m : kAbbrMonths) {
      if (!ends_with(k.s, m.undotted)) continue;
      const std::size_t prefix = k.s.size() - m.undotted.size();
      if (prefix != 0 && !is_known_prefix(k.s.substr(0, prefix))) continue;
      std::size_t next = i + 1;
      if (const Tok* dot = at(next); dot != nullptr && is_punct(*dot, ".") && !dot->space_before) {
        if (acronym_goes_on(next + 1)) continue;  // "กค.ศ.": letters of a longer acronym
        ++next;
      }
      return MonthHit{m.month, k.b + prefix, next, true};
    }
    return std::nullopt;
  }

  // After an abbreviation's final dot, Thai letters glued on and another dot ("ก.ค.ศ.") mean the
  // abbreviation was only the start of a longer dotted acronym.
  bool acronym_goes_on(std::size_t j) const {
    const Tok* after = at(j);
    const Tok* after_dot = at(j + 1);
    return after != nullptr && !after->space_before && after->kind == Tok::Thai && after_dot != nullptr &&
           is_punct(*after_dot, ".");
  }

  // พ.ศ. / พ.ศ / พศ / ค.ศ. (also glued to the word before, "ปีพ.ศ.")
  std::pair<Era, std::size_t> era_at(std::size_t i) const {
    const Tok* k = at(i);
    if (k == nullptr || k->kind != Tok::Thai) return {Era::None, i};
    if (k->s == "พศ") return {Era::BE, i + 1};
    if (k->s == "คศ") return {Era::CE, i + 1};
    const Tok* dot = at(i + 1);
    const Tok* s = at(i + 2);
    if (dot == nullptr || s == nullptr || !is_punct(*dot, ".") || s->kind != Tok::Thai || s->s != "ศ") {
      return {Era::None, i};
    }
    Era era = Era::None;
    if (ends_with(k->s, "พ")) era = Era::BE;
    if (ends_with(k->s, "ค")) era = Era::CE;
    if (era == Era::None) return {Era::None, i};
    std::size_t next = i + 3;
    if (const Tok* d2 = at(next); d2 != nullptr && is_punct(*d2, ".")) ++next;
    return {era, next};
  }

  std::optional<YearHit> year_at(std::size_t i, bool after_month, bool after_abbreviation,
                                 Era inherited = Era::None) const {
    auto [era, j] = era_at(i);
    if (era == Era::None) era = inherited;
    const Tok* k = at(j);
    if (k == nullptr || k->kind != Tok::Num) return std::nullopt;
    const int n = num_value(*k);
    if (k->s.size() == 4) {
      if (era == Era::CE || (era == Era::None && n >= 1900 && n <= 2200)) {
        if (n < 1900 || n > 2200) return std::nullopt;
        return YearHit{n, j + 1, false, Era::CE};
      }
      if (n >= 2400 && n <= 2700) return YearHit{n - 543, j + 1, false, Era::BE};
      return std::nullopt;
    }
    if (k->s.size() == 2) {
      bool ok = era != Era::None || after_abbreviation;
      if (!ok && after_month) {
        // After a full month name, "ตุลาคม 15 วัน" is a count, not a year: accept a two-digit
        // year unless a unit of counting follows it ("1 ตุลาคม 67 ถึงวันที่ …" is a year).
        const Tok* nx = at(j + 1);
        // A month name after it makes it the day of the next date ("๒๖ กันยายน 28 เมษายน 2568").
        ok = nx == nullptr || nx->kind != Tok::Thai || (!starts_with_count_unit(nx->s) && !month_from_word(nx->s));
      }
      if (!ok) return std::nullopt;
      if (era == Era::CE) return YearHit{2000 + n, j + 1, true, Era::CE};
      return YearHit{2500 + n - 543, j + 1, true, Era::BE};
    }
    return std::nullopt;
  }

  // Num(1-2) followed by a month: the day of "๑๕ เม.ย. ๖๘".
  std::optional<Point> day_month_at(std::size_t i) const {
    const Tok* k = at(i);
    if (k == nullptr || k->kind != Tok::Num || k->s.size() > 2) return std::nullopt;
    const int d = num_value(*k);
    if (d < 1 || d > 31) return std::nullopt;
    if (i > 0 && !k->space_before && (is_punct(t_[i - 1], "/") || is_punct(t_[i - 1], "."))) return std::nullopt;
    auto m = month_at(i + 1);
    if (!m || m->b != t_[i + 1].b) {
      // "5 เดือนมีนาคม" is five months, not a day; but after วันที่ the word เดือน only names the
      // month ("วันที่ 5 เดือน มีนาคม พ.ศ. 2568", the formal style of some district letters).
      if (!after_wan_thi(i)) return std::nullopt;
      constexpr std::string_view kDuean = "เดือน";
      const Tok* w = at(i + 1);
      if (w == nullptr || w->kind != Tok::Thai) return std::nullopt;
      if (w->s == kDuean) {
        m = month_at(i + 2);
        if (!m || m->b != t_[i + 2].b) return std::nullopt;
      } else if (!m || m->b != w->b + kDuean.size() || !starts_with(w->s, kDuean)) {
        return std::nullopt;
      }
    }
    Point p{d, m->month, 0, k->b, m->next, false, Era::None, false};
    if (auto y = year_at(m->next, true, m->abbreviated)) {
      p.y = y->ce, p.next = y->next, p.two_digit = y->two_digit, p.era = y->era;
    }
    return p;
  }

  // Token i is directly preceded by a word ending in วันที่ ("วันที่", "ณวันที่", "ลงวันที่").
  bool after_wan_thi(std::size_t i) const {
    return i > 0 && t_[i - 1].kind == Tok::Thai && ends_with(t_[i - 1].s, "วันที่");
  }

  std::optional<Point> numeric_at(std::size_t i) const {
    const Tok* a = at(i);
    const Tok* s1 = at(i + 1);
    const Tok* b = at(i + 2);
    const Tok* s2 = at(i + 3);
    const Tok* c = at(i + 4);
    if (a == nullptr || s1 == nullptr || b == nullptr || s2 == nullptr || c == nullptr) return std::nullopt;
    if (a->kind != Tok::Num || b->kind != Tok::Num || c->kind != Tok::Num || s1->kind != Tok::Punct ||
        s1->s != s2->s || s1->space_before || b->space_before || s2->space_before || c->space_before) {
      return std::nullopt;
    }
    if (s1->s != "/" && s1->s != "-" && s1->s != ".") return std::nullopt;
    if (i > 0 && !a->space_before && t_[i - 1].kind == Tok::Punct && t_[i - 1].s == s1->s) return std::nullopt;
    if (const Tok* after = at(i + 5); after != nullptr && !after->space_before && after->s == s1->s) {
      if (const Tok* more = at(i + 6); more != nullptr && more->kind == Tok::Num) return std::nullopt;
    }
    Point p;
    p.b = a->b;
    p.next = i + 5;
    if (a->s.size() == 4 && s1->s == "-") {  // ISO 8601 2025-03-31
      const int y = num_value(*a);
      p.y = y >= 2400 ? y - 543 : y;
      p.m = num_value(*b);
      p.d = num_value(*c);
      if (y < 1900 || y > 2700 || (y > 2200 && y < 2400)) return std::nullopt;
    } else if (a->s.size() <= 2 && b->s.size() <= 2 && (c->s.size() == 4 || c->s.size() == 2)) {  // d/m/y
      p.d = num_value(*a);
      p.m = num_value(*b);
      const int y = num_value(*c);
      if (c->s.size() == 2) {
        p.y = 2500 + y - 543;
        p.two_digit = true;
      } else if (y >= 2400 && y <= 2700) {
        p.y = y - 543;
      } else if (y >= 1900 && y <= 2200) {
        p.y = y;
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
    if (p.m < 1 || p.m > 12 || p.d < 1 || p.d > days_in_month(p.y, p.m)) return std::nullopt;
    return p;
  }

  std::optional<Point> point_at(std::size_t i) const {
    if (auto p = day_month_at(i)) return p;
    if (auto p = numeric_at(i)) return p;
    if (auto m = month_at(i)) {
      Point p{0, m->month, 0, m->b, m->next, false, Era::None, true};
      if (auto y = year_at(m->next, true, m->abbreviated)) {
        p.y = y->ce, p.next = y->next, p.two_digit = y->two_digit, p.era = y->era, p.month_alone = false;
      } else if (m->abbreviated) {
        return std::nullopt;  // ก.พ. alone is the Civil Service Commission, not February
      }
      return p;
    }
    // พ.ศ. ๒๕๖๘ / ปี ๒๕๖๘ : a year
    const Tok* k = at(i);
    if (k == nullptr) return std::nullopt;
    if (auto [era, j] = era_at(i); era != Era::None) {
      if (auto y = year_at(i, false, false)) {
        // The era may be glued to a preceding word ("ปีพ.ศ."): start at the พ.
        const bool glued = k->s != "พศ" && k->s != "คศ";
        const std::size_t start = glued ? k->e - std::string_view("พ").size() : k->b;
        return Point{0, 0, y->ce, start, y->next, y->two_digit, y->era, false};
      }
      (void)j;
    }
    if (k->kind == Tok::Thai && ends_with(k->s, "ปี")) {
      const Tok* n = at(i + 1);
      if (n != nullptr && n->kind == Tok::Num && n->s.size() == 4) {
        if (auto y = year_at(i + 1, false, false)) {
          return Point{0, 0, y->ce, k->e - std::string_view("ปี").size(), y->next, false, y->era, false};
        }
      }
    }
    return std::nullopt;
  }

  // "ปีงบประมาณ พ.ศ. ๒๕๖๘" -> fiscal year ending in CE year fy; optional "– ๒๕๗๐".
  struct Fiscal {
    int fy_first = 0;
    int fy_last = 0;
    std::size_t b = 0;
    std::size_t next = 0;
    bool two_digit = false;
  };
  std::optional<Fiscal> fiscal_at(std::size_t i) const {
    const Tok* k = at(i);
    if (k == nullptr || k->kind != Tok::Thai) return std::nullopt;
    std::string_view word;
    std::size_t year_tok = i + 1;
    if (ends_with(k->s, "ปีงบประมาณ")) {
      word = "ปีงบประมาณ";
    } else if (ends_with(k->s, "ปีงบ")) {
      word = "ปีงบ";
    } else if (const Tok* n = at(i + 1);
               ends_with(k->s, "ปี") && n != nullptr && n->kind == Tok::Thai && (n->s == "งบประมาณ" || n->s == "งบ")) {
      // "ประจำปี งบประมาณ พ.ศ. ๒๕๖๔" (seed 004): split by a space, still a fiscal year, not the
      // calendar year 2564.
      word = "ปี";
      year_tok = i + 2;
    } else {
      return std::nullopt;
    }
    auto y = year_at(year_tok, false, false, Era::BE);
    if (!y) return std::nullopt;
    Fiscal f{y->ce, y->ce, k->e - word.size(), y->next, y->two_digit};
    if (const Tok* sep = at(y->next); sep != nullptr && is_dash(*sep)) {
      if (auto y2 = year_at(y->next + 1, false, false, y->era); y2 && y2->ce > y->ce && y2->ce - y->ce < 20) {
        f.fy_last = y2->ce;
        f.next = y2->next;
      }
    }
    return f;
  }

  // Returns the index of the token where the second side of a range starts, or 0.
  std::size_t range_second_side(std::size_t j) const {
    const Tok* k = at(j);
    if (k == nullptr) return 0;
    if (is_dash(*k)) {
      const Tok* n = at(j + 1);
      if (n != nullptr && n->kind == Tok::Thai && (n->s == "วันที่" || n->s == "เดือน")) return j + 2;
      return j + 1;
    }
    if (k->kind == Tok::Thai) {
      if (k->s == "ถึง" || k->s == "จนถึง" || k->s == "ถึงวันที่" || k->s == "ถึงเดือน" || k->s == "จนถึงวันที่") {
        return j + 1;
      }
      // "ถึงเดือนมีนาคม": the separator is glued to the month.
      if (starts_with(k->s, "ถึง") && month_at(j)) return j;
    }
    return 0;
  }

 private:
  const std::vector<Tok>& t_;
};

CivilDate first_day(const Point& p) { return CivilDate{p.y, p.m == 0 ? 1 : p.m, p.d == 0 ? 1 : p.d}; }
CivilDate last_day(const Point& p) {
  const int m = p.m == 0 ? 12 : p.m;
  return CivilDate{p.y, m, p.d == 0 ? days_in_month(p.y, m) : p.d};
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string_view to_string(DateKind kind) {
  switch (kind) {
    case DateKind::Day: return "day";
    case DateKind::Month: return "month";
    case DateKind::Year: return "year";
    case DateKind::FiscalYear: return "fiscal-year";
    case DateKind::Range: return "range";
  }
  return "day";
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string iso_date(const CivilDate& d) { return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day); }

std::vector<DateMention> find_dates(std::string_view text, const DateOptions& options) {
  const MatchingView view = make_matching_view(text, false);
  const std::vector<Tok> toks = tokenize(view.text);
  const Parser p(toks);
  std::vector<DateMention> out;

  auto emit = [&](DateKind kind, std::string detail, CivilDate first, CivilDate last, std::string iso,
                  std::size_t view_b, std::size_t next_tok, bool two_digit, bool from_context) {
    DateMention d;
    d.kind = kind;
    d.detail = std::move(detail);
    d.first = first;
    d.last = last;
    d.iso = std::move(iso);
    const auto [b, e] = view.to_display(view_b, toks[next_tok - 1].e);
    d.begin = b;
    d.end = e;
    d.matched = std::string(text.substr(b, e - b));
    d.two_digit_year = two_digit;
    d.year_from_context = from_context;
    d.from_ocr = options.from_ocr;
    out.push_back(std::move(d));
  };
  auto fiscal_interval = [](int fy_first, int fy_last) {
    return std::make_pair(CivilDate{fy_first - 1, 10, 1}, CivilDate{fy_last, 9, 30});
  };

  // Fiscal years named anywhere, for quarters and half-years that do not name theirs.
  std::vector<std::pair<std::size_t, int>> fiscal_mentions;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (auto f = p.fiscal_at(i)) fiscal_mentions.emplace_back(i, f->fy_first);
  }
  // fiscal_mentions is sorted by token index: binary search keeps long documents linear-ish.
  auto fiscal_for = [&](std::size_t i) -> std::pair<int, bool> {
    auto after = std::upper_bound(fiscal_mentions.begin(), fiscal_mentions.end(), i,
                                  [](std::size_t v, const std::pair<std::size_t, int>& m) { return v < m.first; });
    if (after != fiscal_mentions.end() && after->first <= i + 8) return {after->second, false};
    auto before = std::lower_bound(fiscal_mentions.begin(), fiscal_mentions.end(), i,
                                   [](const std::pair<std::size_t, int>& m, std::size_t v) { return m.first < v; });
    if (before != fiscal_mentions.begin()) return {std::prev(before)->second, true};
    if (!fiscal_mentions.empty()) return {fiscal_mentions.front().second, true};
    if (options.context_fiscal_year_be) return {*options.context_fiscal_year_be - 543, true};
    return {0, true};
  };

  std::size_t i = 0;
  while (i < toks.size()) {
    const Tok& k = toks[i];
    if (auto f = p.fiscal_at(i)) {
      const auto [first, last] = fiscal_interval(f->fy_first, f->fy_last);
      const bool several = f->fy_last != f->fy_first;
      emit(several ? DateKind::Range : DateKind::FiscalYear, several ? "fiscal-years" : "", first, last,
           iso_date(first) + "/" + iso_date(last), f->b, f->next, f->two_digit, false);
      i = f->next;
      continue;
    }
    if (k.kind == Tok::Thai && (ends_with(k.s, "ไตรมาส") || ends_with(k.s, "ไตรมาสที่"))) {
      std::size_t j = i + 1;
      if (j < toks.size() && toks[j].kind == Tok::Thai && toks[j].s == "ที่") ++j;
      const int q = j < toks.size() ? num_value(toks[j]) : -1;
      if (q >= 1 && q <= 4 && toks[j].s.size() == 1) {
        const auto [fy, from_context] = fiscal_for(i);
        if (fy != 0) {
          static constexpr std::array<int, 4> kStartMonth = {10, 1, 4, 7};
          const int sm = kStartMonth[static_cast<std::size_t>(q - 1)];
          const int y = q == 1 ? fy - 1 : fy;
          const CivilDate first{y, sm, 1};
          const CivilDate last{y, sm + 2, days_in_month(y, sm + 2)};
          const std::size_t word = ends_with(k.s, "ไตรมาสที่") ? std::string_view("ไตรมาสที่").size()
                                                               : std::string_view("ไตรมาส").size();
          emit(DateKind::Range, "quarter", first, last, iso_date(first) + "/" + iso_date(last), k.e - word, j + 1,
               false, from_context);
        }
        i = j + 1;
        continue;
      }
    }
    if (k.kind == Tok::Thai && ends_with(k.s, "รอบ") && i + 2 < toks.size()) {
      const int months = num_value(toks[i + 1]);
      const Tok& w = toks[i + 2];
      if ((months == 6 || months == 12) && w.kind == Tok::Thai && starts_with(w.s, "เดือน")) {
        const auto [fy, from_context] = fiscal_for(i);
        if (fy != 0) {
          // The matched text is "รอบ ๖ เดือนแรก": the word, not the rest of the run.
          std::size_t word_end = std::string_view("เดือน").size();
          const bool second_half = starts_with(w.s.substr(word_end), "หลัง");
          if (starts_with(w.s.substr(word_end), "แรก")) word_end += std::string_view("แรก").size();
          if (second_half) word_end += std::string_view("หลัง").size();
          const std::size_t start = k.e - std::string_view("รอบ").size();
          CivilDate first{fy - 1, 10, 1};
          CivilDate last{fy, 9, 30};
          if (months == 6 && !second_half) last = CivilDate{fy, 3, 31};
          if (months == 6 && second_half) first = CivilDate{fy, 4, 1};
          const auto [b, e] = view.to_display(start, w.b + word_end);
          DateMention d;
          d.kind = months == 12 ? DateKind::FiscalYear : DateKind::Range;
          d.detail = months == 12 ? "12-months" : "half-year";
          d.first = first;
          d.last = last;
          d.iso = iso_date(first) + "/" + iso_date(last);
          d.begin = b;
          d.end = e;
          d.matched = std::string(text.substr(b, e - b));
          d.year_from_context = from_context;
          d.from_ocr = options.from_ocr;
          out.push_back(std::move(d));
        }
        // "เดือนแรกของปีงบประมาณ" also names the fiscal year: let the next round read it.
        i += p.fiscal_at(i + 2) ? 2u : 3u;
        continue;
      }
    }

    // Points and ranges of points.
    std::optional<Point> p1 = p.point_at(i);
    std::optional<Point> day_only;
    if (!p1 && k.kind == Tok::Num && k.s.size() <= 2 && i + 1 < toks.size() && is_dash(toks[i + 1])) {
      const int d = num_value(k);
      if (d >= 1 && d <= 31) day_only = Point{d, 0, 0, k.b, i + 1, false, Era::None, false};
    }
    const Point* start = p1 ? &*p1 : day_only ? &*day_only : nullptr;
    if (start == nullptr) {
      ++i;
      continue;
    }
    if (const std::size_t s2 = p.range_second_side(start->next); s2 != 0) {
      std::optional<Point> p2 = p.point_at(s2);
      // "พ.ศ. ๒๕๖๖ – ๒๕๗๐": a bare year after a year inherits its era.
      if (!p2 && start->m == 0 && start->d == 0 && start->y != 0) {
        if (auto y2 = p.year_at(s2, false, false, start->era)) {
          p2 = Point{0, 0, y2->ce, toks[s2].b, y2->next, false, y2->era, false};
        }
      }
      if (p2 && p2->y != 0) {
        Point a = *start;
        const bool day_range = a.m == 0 && a.d != 0;
        if (day_range && p2->d == 0) p2.reset();
        if (p2) {
          if (a.m == 0 && a.d != 0) a.m = p2->m;
          if (a.y == 0) a.y = (a.m > p2->m || (a.m == p2->m && a.d > p2->d)) ? p2->y - 1 : p2->y;
          const bool year_only = a.m == 0 && p2->m == 0;
          if ((a.m == 0) == (p2->m == 0) && a.m <= 12 && (a.d == 0 || a.d <= days_in_month(a.y, a.m))) {
            const CivilDate first = first_day(a);
            const CivilDate last = last_day(*p2);
            if (first <= last) {
              const std::string detail = year_only ? "years" : (a.d != 0 || p2->d != 0) ? "days" : "months";
              emit(DateKind::Range, detail, first, last, iso_date(first) + "/" + iso_date(last), a.b, p2->next,
                   a.two_digit || p2->two_digit, false);
              i = p2->next;
              continue;
            }
          }
        }
      }
    }
    if (p1 && p1->y != 0) {
      if (p1->d != 0) {
        const CivilDate d{p1->y, p1->m, p1->d};
        if (p1->d <= days_in_month(p1->y, p1->m)) {
          emit(DateKind::Day, "", d, d, iso_date(d), p1->b, p1->next, p1->two_digit, false);
        }
      } else if (p1->m != 0) {
        emit(DateKind::Month, "", first_day(*p1), last_day(*p1), std::to_string(p1->y) + "-" + two(p1->m), p1->b,
             p1->next, p1->two_digit, false);
      } else {
        emit(DateKind::Year, "", first_day(*p1), last_day(*p1), std::to_string(p1->y), p1->b, p1->next,
             p1->two_digit, false);
      }
      i = p1->next;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace oitscan::thai
