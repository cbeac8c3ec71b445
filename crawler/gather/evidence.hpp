#pragma once
// What the rule engine judges: one document of an item's evidence graph, as plain data: where it
// sits in the graph, the fetch engine's own result (shared, body never copied) and the text read
// from it. The gatherer fills it from a fetch and an extract::Document; tests fill it by hand. The
// engine never fetches or parses anything itself.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract/document.hpp"
#include "fetch/outcome.hpp"
#include "fetch/response.hpp"
#include "thai/dates.hpp"

namespace oitscan::gather {

struct DocPart {
  std::string location;  // "page 3", "sheet งบ!B7", "paragraph 12", "page" for HTML
  std::string text;      // normalised display text (what snippets quote)
  extract::TextSource source = extract::TextSource::Markup;
  // Site chrome (menus, sidebars, header, footer, blocks repeated across the site's pages): never
  // evidence for what the document says; only its dates (update stamps) speak of freshness.
  bool chrome = false;
};

struct DocDate {
  thai::DateMention mention;
  std::size_t part = 0;  // index into EvidenceDoc::parts
  // Inside the text of a link: "สขร. ๑ ธันวาคม ๒๕๖๗" on an index page names the December summary,
  // it is not the summary. Date predicates ignore these; the linked document speaks for itself.
  bool in_link = false;
  // The period reported on, the issue date, a cited law, an event, a page stamp (date_roles.hpp).
  thai::DateRole role = thai::DateRole::Unknown;
};

struct EvidenceDoc {
  // Where it sits in the item's evidence graph.
  std::string url;          // as requested (submitted, or linked from another document)
  int depth = 0;            // 0: submitted by the unit; 1: linked from a submitted page; …
  std::string linked_from;  // url of the page that linked it ("" when submitted)
  std::string anchor_text;  // the link's text on that page
  // What the linking page says the document is: the anchor text, its title attribute and the list
  // item or table row around it. Evidence of what the document *is* ("from the link"), never of
  // what it says or of its period. Empty for submitted documents.
  std::string link_context;
  // What the document says it is: its title, its headings and its first lines (the heading of a
  // PDF, a memo's เรื่อง line). A phrase that names the kind of document must be here, not in
  // a sentence of the body ("ตามที่เขตได้จัดทำแผนการใช้จ่ายงบประมาณไว้แล้ว" is not the plan).
  std::string head;

  // The fetch, as the engine (or the folder or archive source) answered it. Null only in tests that
  // judge text alone: such a document counts as fetched.
  std::shared_ptr<const fetch::Response> fetched;

  // The reading.
  extract::Format format = extract::Format::unknown;
  bool machine_readable = false;
  bool editable = false;
  std::string title;
  std::vector<DocPart> parts;
  std::vector<DocDate> dates;
  bool placeholder = false;  // the page only says "in progress" / has no content (extract)
  std::size_t english_letters = 0;  // letters in English sections outside chrome
  std::size_t thai_letters = 0;     // letters in Thai sections outside chrome

  // How the fetch bears on a verdict: obtained, missing (the unit's problem) or unverifiable.
  fetch::EvidenceClass fetch_class() const;
  fetch::Outcome outcome() const { return fetched ? fetched->outcome : fetch::Outcome::ok; }
  const std::string& final_url() const { return fetched && !fetched->final_url.empty() ? fetched->final_url : url; }
  // The Last-Modified date the server sent (UTC calendar day), if any.
  std::optional<thai::CivilDate> last_modified() const;
  bool any_ocr() const;  // some part was read by OCR
  // What the fetch outcome means for a reader ("" when the document was given directly).
  std::string fetch_message_th() const;
  std::string fetch_message_en() const;  // with the engine's detail, e.g. "(Connection refused)"
};

}  // namespace oitscan::gather
