#pragma once
// Lets test assertions compare an extract::Format with the spelling users see ("pdf"), as they
// did when the format was a string. Only tests may compare formats as strings.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "extract/format.hpp"

namespace oitscan::extract {

inline bool operator==(Format f, std::string_view name) { return to_string(f) == name; }
inline bool operator==(const std::optional<Format>& f, std::string_view name) { return f ? to_string(*f) == name : name.empty(); }

}  // namespace oitscan::extract

namespace Catch {
template <>
struct StringMaker<oitscan::extract::Format> {
  static std::string convert(oitscan::extract::Format f) { return std::string(oitscan::extract::to_string(f)); }
};
}  // namespace Catch
