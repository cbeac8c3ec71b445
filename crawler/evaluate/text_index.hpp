#pragma once
// Thai-aware phrase search over a document. Matching happens on a compact key of the normalised
// text: the matching view (Thai digits as ASCII, SARA AM recomposed, …) with every space removed
// and ASCII folded to lower case, so "สขร. ๑", "สขร.1" and "ส ขร.1" from a damaged PDF all
// match. A match maps back to the display text for the snippet.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/evidence.hpp"

namespace oitscan::evaluate {

// The compact key of a phrase (what rule files write).
std::string compact_key(std::string_view phrase);

struct TextMatch {
  std::size_t part = 0;
  std::size_t display_begin = 0;  // byte range in parts[part].text
  std::size_t display_end = 0;
};

// The index refers to the document's text (it keeps no copy): the EvidenceDoc must outlive it and
// keep its text unchanged, as TextIndexCache's callers do (the documents of one evaluation).
//
// Memory: about 1.05 bytes per byte of text (the compact key, one bit per key byte saying whether a
// space stood before it, and a checkpoint every kCheckpointEvery key bytes); the display range of a
// match is recomputed from the nearest checkpoint when asked, not stored per byte.
class DocTextIndex {
 public:
  explicit DocTextIndex(const EvidenceDoc& doc);
  // One text on its own (a link's text, a document's head), as part 0.
  explicit DocTextIndex(const std::string& text);
  // First occurrence of an already-compacted phrase; ASCII-edged phrases must not sit inside a
  // longer ASCII word ("ABP" does not match "ABPX").
  std::optional<TextMatch> find(std::string_view compact_phrase) const;
  // Counts of letters by script over the whole document, for language checks.
  std::size_t latin_letters() const { return latin_letters_; }
  std::size_t thai_letters() const { return thai_letters_; }
  // Bytes the index holds on the heap (its own footprint, not the document's text).
  std::size_t memory_bytes() const;

  static constexpr std::size_t kCheckpointEvery = 256;

 private:
  // Where key byte `key` starts in the display text: the first byte of a character.
  struct Checkpoint {
    std::size_t key = 0;
    std::size_t display = 0;
  };
  struct Part {
    std::string_view display;            // the document's text (not owned)
    std::string key;                     // compact key
    std::vector<bool> space_before;      // per key byte: the matching view had a space before it
    std::vector<Checkpoint> checkpoints;  // ascending; the first at key byte 0
  };
  void add_part(std::string_view text);
  // Display byte range of the character that key byte `k` of part `p` came from.
  std::pair<std::size_t, std::size_t> display_of(const Part& p, std::size_t k) const;

  std::vector<Part> parts_;
  std::size_t latin_letters_ = 0;
  std::size_t thai_letters_ = 0;
};

// Builds each document's index once per evaluation.
class TextIndexCache {
 public:
  const DocTextIndex& of(const EvidenceDoc& doc);
  // The index of what the linking page says of the document (EvidenceDoc::link_context).
  const DocTextIndex& of_link(const EvidenceDoc& doc);
  // The index of what the document says it is (EvidenceDoc::head).
  const DocTextIndex& of_head(const EvidenceDoc& doc);

 private:
  std::map<const EvidenceDoc*, DocTextIndex> cache_;
  std::map<const EvidenceDoc*, DocTextIndex> link_cache_;
  std::map<const EvidenceDoc*, DocTextIndex> head_cache_;
};

// Display text around a match, cut on UTF-8 boundaries, with "…" where cut.
std::string snippet_around(const std::string& text, std::size_t begin, std::size_t end, std::size_t context = 90);

}  // namespace oitscan::evaluate
