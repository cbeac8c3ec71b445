#pragma once
// Judges one OIT item: each requirement over the item's evidence graph (submitted documents and
// the documents they link to), giving pass, fail or unverified with a reason, messages in Thai and
// English, and the evidence that shows it.
#include <string>
#include <vector>

#include "evaluate/evidence.hpp"
#include "evaluate/predicate.hpp"
#include "evaluate/rules.hpp"

namespace oitscan::evaluate {

enum class Verdict { Pass, Fail, Unverified };
std::string_view to_string(Verdict v);

struct EvidenceRef {
  const EvidenceDoc* doc = nullptr;
  std::string snippet;
  std::string location;
  std::vector<std::string> dates;
  bool from_ocr = false;
};

struct RequirementVerdict {
  std::string id;
  bool mandatory = true;
  Verdict verdict = Verdict::Fail;
  std::string reason;  // ok | no-url-submitted | not-found | wrong-period | missing-months | …
  Message message;     // what was found or missing
  Message title;       // what is required
  Message fix;         // how to fix it (empty when passed)
  bool needs_review = false;  // relied on OCR'd digits
  std::vector<EvidenceRef> evidence;
};

struct ItemVerdict {
  std::string item;
  Message title;
  Verdict verdict = Verdict::Fail;
  std::vector<RequirementVerdict> requirements;
};

// `docs` holds every document of the item's evidence graph, including those whose fetch failed.
// An item with no submitted URL fails every requirement with reason no-url-submitted.
ItemVerdict evaluate_item(const ItemRule& rule, const std::vector<EvidenceDoc>& docs, const Context& ctx);

}  // namespace oitscan::evaluate
