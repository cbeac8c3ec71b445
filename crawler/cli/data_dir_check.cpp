#include "cli/data_dir_check.hpp"

#include <cstdlib>
#include <filesystem>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"

namespace oitscan::cli {

void require_data_dir() {
  const char* env = std::getenv("OITSCAN_DATA_DIR");
  const bool from_env = env != nullptr && *env != '\0';
  const std::filesystem::path dir = data_dir();
  const std::string source = from_env ? "OITSCAN_DATA_DIR" : "data folder";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw InputError(dir.string(), 0, source, from_env ? "no such folder" : "no such folder; set OITSCAN_DATA_DIR to the folder holding rules/ and reports/");
  }
  for (const char* needed : {"rules/frameworks", "reports"}) {
    if (!std::filesystem::is_directory(dir / needed, ec)) {
      throw InputError(dir.string(), 0, source, std::string("has no ") + needed + "/ folder; it must hold rules/ and reports/ (the source tree or /usr/share/oitscan)");
    }
  }
}

}  // namespace oitscan::cli
