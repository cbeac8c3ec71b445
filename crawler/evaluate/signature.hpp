#pragma once
// Finding a signature block in a document's last lines: the signer's role on a line of its own
// ("ผู้อำนวยการเขตบางนา", or after the name in parentheses), with a signature cue on that line or
// one of the three lines above it (ลงชื่อ, a name in parentheses, a Thai title: นาย/นาง/นางสาว).
// Prose that merely names the role ("นายสมเกียรติ ใจมั่น ผู้อำนวยการเขต เป็นประธานกิจกรรม") is
// not a signature.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::evaluate {

struct SignatureLine {
  std::size_t begin = 0;  // byte range of the role's line in the text
  std::size_t end = 0;
};

// `role_keys` are compact keys (text_index.hpp). With `ocr_tolerant`, a role may differ by up to
// two characters (OCR drops Thai vowels and marks: "ผู้านวยการเขต").
std::optional<SignatureLine> find_signature(std::string_view text, const std::vector<std::string>& role_keys, bool ocr_tolerant);

}  // namespace oitscan::evaluate
