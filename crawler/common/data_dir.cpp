#include "common/data_dir.hpp"

#include <cstdlib>

namespace oitscan {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("OITSCAN_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  // An installed binary (the .deb's /usr/bin/oitscan, or `cmake --install --prefix P`) finds its
  // data beside it in ../share/oitscan, whatever prefix the build was configured with.
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "oitscan";
    if (std::filesystem::is_directory(installed / "rules", ec)) return installed;
  }
  std::filesystem::path source = OITSCAN_SOURCE_DATA_DIR;
  if (std::filesystem::is_directory(source / "rules", ec)) return source;
  return OITSCAN_INSTALL_DATA_DIR;
}

std::string tool_version() { return OITSCAN_VERSION; }

}  // namespace oitscan
