#pragma once
// What a date mention *is* to its document. A monthly summary "ประจำเดือน กุมภาพันธ์ ๒๕๖๘"
// signed "วันที่ ๕ มีนาคม ๒๕๖๘" reports on February; March is only when it was issued. The
// evaluator must count subject dates as coverage, not every date it finds.
//
// The role comes, in this order, from
//   1. the nearest cue phrase before the date on its line (rules/date-roles.yaml, data);
//   2. position: a line of month names only (a table header), the memo header (วันที่ under
//      บันทึกข้อความ), the signature block at the end;
//   3. the kind of the date (a fiscal year is what a plan is about, a lone day is an event);
//   4. otherwise Unknown.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thai/dates.hpp"

namespace oitscan::thai {

enum class DateRole { Subject, Issue, Cited, Event, Chrome, Unknown };
std::string_view to_string(DateRole role);                         // "subject" | "issue" | …
std::optional<DateRole> date_role_from_string(std::string_view s);  // inverse of to_string

struct RoleCue {
  DateRole role = DateRole::Unknown;
  std::string phrase;   // as written in the YAML (for messages and reasons)
  std::string key;      // matching form: digits folded, no spaces, ASCII lower-case
  std::optional<std::size_t> max_gap;  // overrides RoleCues::window for this cue
  std::vector<std::string> kinds;      // only for these kinds/details ("month", "quarter"); empty = all
};

// Loaded from rules/date-roles.yaml (its header documents every field). Every phrase list below
// holds cue_key() forms, as matching compares them.
struct RoleCues {
  std::size_t window = 80;  // code points allowed between the end of a cue and the date
  std::vector<RoleCue> cues;
  // A cue of role R reaches through a nearer cue whose key is in spans[R] ("ตามหนังสือ …
  // ลงวันที่": the letter date is part of the citation, not the issue date).
  std::vector<std::pair<DateRole, std::vector<std::string>>> spans;
  // Text between two dates made only of these (and spaces) lets a cue reach past the first date:
  // "ประจำเดือน มกราคม ๒๕๖๘ และ กุมภาพันธ์ ๒๕๖๘".
  std::vector<std::string> connectors;

  struct Header {
    std::size_t lines = 0;              // within the first N non-empty lines
    std::vector<std::string> markers;   // that contain one of these (บันทึกข้อความ)
    std::vector<std::string> line_cues; // a line starting with one of these (วันที่) -> issue
  } header;
  struct Signature {
    std::size_t last_lines = 0;      // within the last N non-empty lines
    std::size_t near_lines = 0;      // a marker this many non-empty lines away (or on the line)
    std::size_t max_line_chars = 0;  // and the date's line is short
    std::vector<std::string> markers;
  } signature;
  struct MonthHeader {
    std::size_t min_months = 2;
    std::vector<std::string> allow;  // other words a month header line may hold (เดือน)
  } month_header;
  // Kind or range detail ("fiscal-year", "quarter", "day") -> role when nothing else decides.
  std::vector<std::pair<std::string, DateRole>> defaults;

  // Throws oitscan::InputError naming `source` and the YAML line.
  static RoleCues parse(std::string_view yaml, const std::string& source);
  static RoleCues load(const std::filesystem::path& file);
  // <data dir>/rules/date-roles.yaml, loaded once.
  static const RoleCues& default_cues();
};

struct RoleAssignment {
  DateRole role = DateRole::Unknown;
  // Why: "cue:<phrase>" | "month-header" | "header" | "signature" | "kind:<kind>" | "".
  std::string reason;
};

// `text` is the display text find_dates ran on (a whole document: position rules count its
// lines); `dates` its result. Returns one entry per date, in the same order.
std::vector<RoleAssignment> explain_roles(std::string_view text, const std::vector<DateMention>& dates,
                                          const RoleCues& cues);
std::vector<DateRole> assign_roles(std::string_view text, const std::vector<DateMention>& dates,
                                   const RoleCues& cues);

// Matching form of a phrase, as cue keys are stored: digits folded, whitespace removed, ASCII
// lower-cased. Exposed so tests and lint can compare phrases the way matching does.
std::string cue_key(std::string_view phrase);

}  // namespace oitscan::thai
