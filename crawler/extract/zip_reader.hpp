#pragma once
// Bounded reading of zip containers (OOXML, ODF) with libzip: every member read is capped by
// the member limit, the compression-ratio limit and a running total per container, so a zip bomb
// ends as LimitExceeded instead of filling memory.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/limits.hpp"

struct zip;

namespace oitscan::extract {

class ZipReader {
 public:
  // Returns nullopt when the bytes are not a readable zip archive.
  static std::optional<ZipReader> open(std::string_view bytes, const Limits& limits);
  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  bool has(const std::string& name) const;
  std::vector<std::string> names() const;  // at most 10,000
  // The member's bytes, or nullopt when absent; throws LimitExceeded past a limit.
  std::optional<std::string> read(const std::string& name);

 private:
  ZipReader(zip* archive, const Limits& limits);
  struct Closer {
    void operator()(zip* z) const;
  };
  std::unique_ptr<zip, Closer> archive_;
  const Limits* limits_;
  std::size_t total_read_ = 0;
};

}  // namespace oitscan::extract
