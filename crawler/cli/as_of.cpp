#include "cli/as_of.hpp"

#include "common/input_error.hpp"

namespace oitscan::cli {
namespace {
// The ITA assessment began in 2014; 2157 CE is 2700 BE, far past any rule set we will write.
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2157;
constexpr int kBuddhistEraOffset = 543;
}  // namespace

evaluate::Day parse_as_of(const std::string& text) {
  const auto day = evaluate::parse_day(text);
  if (!day) throw InputError("<arguments>", 0, "--as-of", "'" + text + "': expected YYYY-MM-DD");
  const int y = day->year;
  if (y >= kFirstYear + kBuddhistEraOffset && y <= kLastYear + kBuddhistEraOffset) {
    throw InputError("<arguments>", 0, "--as-of",
                     "'" + text + "': " + std::to_string(y) + " looks like a Buddhist Era year; give the CE year (" +
                         std::to_string(y - kBuddhistEraOffset) + ")");
  }
  if (y < kFirstYear || y > kLastYear) {
    throw InputError("<arguments>", 0, "--as-of",
                     "'" + text + "': year " + std::to_string(y) + " is outside " + std::to_string(kFirstYear) + "–" +
                         std::to_string(kLastYear) + " CE");
  }
  return *day;
}

}  // namespace oitscan::cli
