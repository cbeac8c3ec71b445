#pragma once
// What the rule engine judges: one fetched-and-read document of an item's evidence graph, as plain
// data. The check pipeline fills it from a fetch Response and an extract Document; fixtures fill it
// from files. The engine never fetches or parses anything itself.
#include <string>
#include <vector>

#include "thai/dates.hpp"

namespace oitscan::evaluate {

// How the fetch went, in the three outcomes that matter for a verdict.
enum class FetchState {
  Ok,          // got the document
  Missing,     // the unit's problem: 404, soft-404, login wall, … (a requirement can fail on it)
  Unverified,  // not the unit's content: timeout, DNS, TLS, 429/503, blocked (never a fail)
};

struct DocPart {
  std::string location;     // "page 3", "sheet งบ!B7", "paragraph 12", "page" for HTML
  std::string text;         // normalised display text (what snippets quote)
  std::string text_source;  // text-layer | ocr | markup
};

struct DocDate {
  thai::DateMention mention;
  std::size_t part = 0;  // index into EvidenceDoc::parts
  // Inside the text of a link: "สขร. ๑ ธันวาคม ๒๕๖๗" on an index page names the December summary,
  // it is not the summary. Date predicates ignore these; the linked document speaks for itself.
  bool in_link = false;
};

struct EvidenceDoc {
  // Where it came from.
  std::string url;          // as requested (submitted, or linked from another document)
  std::string final_url;    // after redirects
  int depth = 0;            // 0: submitted by the unit; 1: linked from a submitted page; …
  std::string linked_from;  // url of the page that linked it ("" when submitted)
  std::string anchor_text;  // the link's text on that page

  // The fetch.
  FetchState fetch = FetchState::Ok;
  std::string fetch_outcome;  // the fetch engine's outcome (ok, not-found, timeout, …)
  std::string fetch_message_th;
  std::string fetch_message_en;
  int http_status = 0;
  std::string fetched_at;
  std::string sha256;
  std::string warc_record_id;
  std::string last_modified;  // ISO date from the HTTP header, "" when absent

  // The reading.
  std::string format;  // pdf | html | docx | xlsx | csv | …
  bool machine_readable = false;
  bool editable = false;
  std::string title;
  std::vector<DocPart> parts;
  std::vector<DocDate> dates;
};

}  // namespace oitscan::evaluate
