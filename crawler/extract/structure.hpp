#pragma once
// Document structure after an extractor has run: sections (split at headings and at language
// changes, language.hpp), placeholder detection (rules/placeholders.yaml), and the cross-page
// repetition pass that the gather stage runs over the pages of one site.
#include <cstddef>
#include <string>
#include <vector>

#include "extract/document.hpp"
#include "extract/structure_rules.hpp"

namespace oitscan::extract {

// What an extractor knows about structure that the text alone does not say.
struct StructureHints {
  struct Heading {
    std::size_t part = 0;
    std::size_t offset = 0;  // byte offset in the normalised parts[part].text where it starts
    std::string text;        // normalised
  };
  std::vector<Heading> headings;
  // Normalised text of tables in the main content with a header row and no data rows.
  std::vector<std::string> empty_tables;
  bool viewer_page = false;  // the page is a document viewer (pdf.js): its document loads by script
};

// How many headings callers look for in vain before they stop: a miss scans the whole text.
inline constexpr std::size_t kMaxHeadingMisses = 16;

// Where `heading` starts in `text` at or after `from` (whitespace-insensitive), or npos: how an
// extractor turns the headings it collected into offsets of the normalised text.
std::size_t find_heading(const std::string& text, const std::string& heading, std::size_t from);

// Fills doc.sections (every part) and doc.placeholder/placeholder_reason.
void finish_structure(Document& doc, const StructureHints& hints,
                      const PlaceholderRules& rules = PlaceholderRules::default_rules());

// Sets doc.placeholder/placeholder_reason from the text outside chrome.
// A page that links or embeds documents from its content, or is a viewer, is never "empty".
void assess_placeholder(Document& doc, const std::vector<std::string>& empty_tables, const PlaceholderRules& rules,
                        bool viewer_page);

// Blocks (lines) of non-chrome parts whose text (whitespace-insensitive) appears on at least
// `min_share` of the distinct pages given, and on two at least, are moved into a new part
// "chrome: repeated" (chrome = true) appended after the others; spans, dates, sections and the
// links found in moved lines (in_chrome) follow them. Pages with identical content count once.
// Needs two distinct pages; returns the number of blocks moved.
std::size_t mark_repeated_blocks(std::vector<Document*>& docs, double min_share = 0.6);

}  // namespace oitscan::extract
