#pragma once
// Charset resolution to UTF-8 for HTML, CSV and plain text, in the WHATWG order:
// BOM, then the charset label of the HTTP Content-Type, then a <meta> prescan of the first
// 1024 bytes, then "is it valid UTF-8?", and only then a guess. tis-620 and iso-8859-11 are
// decoded as windows-874 (its superset), as browsers do. Transcoding is ICU ucnv.
#include <string>
#include <string_view>

namespace oitscan::thai {

struct DecodedText {
  std::string text;           // UTF-8
  std::string encoding_used;  // canonical name: "UTF-8", "windows-874", "UTF-16LE", ...
  std::string how_decided;    // "bom" | "content-type" | "meta" | "utf8-valid" | "guess-thai" | "guess-latin"
};

struct DecodeOptions {
  bool meta_prescan = true;  // HTML only; CSV and text have no <meta>
};

// Never throws for bad bytes: undecodable sequences become U+FFFD.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type_header_or_empty,
                           const DecodeOptions& options = {});

// Maps a charset label to the encoding that will actually be used (WHATWG aliases for the Thai
// and Latin-1 families), or "" when ICU does not know it.
std::string canonical_encoding(std::string_view label);

// The value of charset=... in a Content-Type header, lower-cased, or "".
std::string charset_from_content_type(std::string_view content_type);

}  // namespace oitscan::thai
