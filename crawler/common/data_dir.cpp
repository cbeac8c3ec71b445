#include "common/data_dir.hpp"

#include <cstdlib>

namespace oitscan {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("OITSCAN_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::filesystem::path source = OITSCAN_SOURCE_DATA_DIR;
  std::error_code ec;
  if (std::filesystem::is_directory(source / "rules", ec)) return source;
  return OITSCAN_INSTALL_DATA_DIR;
}

std::string tool_version() { return OITSCAN_VERSION; }

}  // namespace oitscan
