#pragma once
// Reading one field of a results document leniently: a page shows what is there and leaves out
// what is missing or of another type, rather than failing on a document of an older version.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace oitscan::report {

// The string at `key`, or "" when `j` is not an object or the field is missing or not a string.
inline std::string json_text(const nlohmann::ordered_json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The number at `key`, or nullopt when it is not there or not a number.
inline std::optional<double> json_number(const nlohmann::ordered_json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

}  // namespace oitscan::report
