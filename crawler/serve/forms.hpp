#pragma once
// Form bodies of the pages: application/x-www-form-urlencoded (login, overrides) and
// multipart/form-data (the self-check form, which may carry an uploaded submission file).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oitscan::serve {

struct FormField {
  std::string value;
  std::string filename;  // set for an uploaded file
};
using Form = std::map<std::string, FormField>;  // the first value of each name

// Decodes %XX and '+'; nullopt for a broken escape.
std::optional<std::string> percent_decode(std::string_view text);
// key=value&… of a query string or urlencoded body; broken pairs are skipped.
Form parse_urlencoded(std::string_view body);
// The parts of a multipart body; nullopt when the Content-Type has no boundary or the body is not
// framed by it. Bounded by the body size (the server's body limit).
std::optional<Form> parse_multipart(std::string_view body, std::string_view content_type);
// Either, by Content-Type.
std::optional<Form> parse_form(std::string_view body, std::string_view content_type);

// The path of a request target and its query parameters.
std::pair<std::string, Form> split_target(std::string_view target);

}  // namespace oitscan::serve
