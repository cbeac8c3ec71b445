#pragma once
// The extract stage's entry point: bytes in, Document out. Sniffs the format, looks it up in the
// format table, runs the registered extractor under the limits, then finds typed dates in every
// part. Never throws for bad input: a bounded failure is an outcome with a warning.
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "extract/document.hpp"
#include "extract/formats.hpp"
#include "extract/limits.hpp"

namespace oitscan::extract {

struct ExtractOptions {
  std::string declared_type;  // Content-Type from the server, "" when none
  std::string base_url;       // the document's URL, for absolute links
  Limits limits;
  const FormatTable* formats = nullptr;  // nullptr: FormatTable::default_table()
  // Fiscal year (BE) for quarters / half-years that do not name one.
  std::optional<int> context_fiscal_year_be;
  // Set: the caller no longer wants this reading (a worker that lost its job's lease). OCR stops
  // at the next word and pages not started are not read; their parts say "OCR failed: cancelled",
  // so such a reading is never kept in the extraction cache.
  std::shared_ptr<const std::atomic<bool>> cancel;
};

Document extract_document(std::string_view bytes, const ExtractOptions& options = {});

}  // namespace oitscan::extract
