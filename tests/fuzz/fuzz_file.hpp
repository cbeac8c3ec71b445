#pragma once
// The readers under fuzz take file paths (their errors name the file): each input is written to a
// file in a private temporary folder first.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace oitscan::fuzz {

inline std::filesystem::path make_scratch_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "oitscan-fuzz-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return std::filesystem::path(pattern);
}

inline const std::filesystem::path& scratch_dir();

inline void remove_scratch_dir() {
  std::error_code ec;
  std::filesystem::remove_all(scratch_dir(), ec);
}

// A folder of this process's own, made once (mkdtemp, mode 0700), removed when the process exits
// (the handler is registered after the path exists, so it runs before the path is destroyed).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = make_scratch_dir();
  static const bool cleanup_registered = std::atexit(remove_scratch_dir) == 0;
  (void)cleanup_registered;
  return dir;
}

inline std::filesystem::path write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const auto path = scratch_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
  return path;
}

}  // namespace oitscan::fuzz
