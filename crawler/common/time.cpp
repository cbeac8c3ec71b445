#include "common/time.hpp"

#include <array>

namespace oitscan {

std::string iso8601_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buf{};
  const auto n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf.data(), n);
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) { return iso8601_utc(std::chrono::system_clock::to_time_t(t)); }

std::string iso8601_utc_now() { return iso8601_utc(std::chrono::system_clock::now()); }

}  // namespace oitscan
