#pragma once
// extract::Document to bytes and back, for the extraction cache: every field, compact (CBOR
// arrays in a fixed order), versioned. A stored document of another codec version, or bytes that
// do not decode, are refused (nullopt), never half-read.
#include <optional>
#include <string>
#include <string_view>

#include "extract/document.hpp"

namespace oitscan::gather {

// Bump when Document (or a type inside it) gains, loses or changes a field: stored documents of
// another version are then simply not found, and re-extracted.
inline constexpr int kDocumentCodecVersion = 1;

std::string encode_document(const extract::Document& doc);
std::optional<extract::Document> decode_document(std::string_view bytes);

}  // namespace oitscan::gather
