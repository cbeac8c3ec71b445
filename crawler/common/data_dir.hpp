#pragma once
// Where oitscan finds its data files (rules/, reports/).
#include <filesystem>
#include <string>

namespace oitscan {

// OITSCAN_DATA_DIR if set; else ../share/oitscan beside the executable (an installed binary); else
// the source tree the binary was built from (when it still exists); else the install prefix's
// share/oitscan.
std::filesystem::path data_dir();

std::string tool_version();

}  // namespace oitscan
