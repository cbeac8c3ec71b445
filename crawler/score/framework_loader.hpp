#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "score/framework.hpp"

namespace oitscan::score {

// Loads and validates one framework file. Throws InputError naming file, line and field.
Framework load_framework_file(const std::filesystem::path& file);

// `name_or_path` is a framework id looked up in `frameworks_dir` (e.g. bma-district-2568),
// or a path to a .yaml file (for experts trying next year's framework).
Framework load_framework(const std::string& name_or_path, const std::filesystem::path& frameworks_dir);

// Ids of every framework file in the folder, sorted.
std::vector<std::string> list_frameworks(const std::filesystem::path& frameworks_dir);

// data_dir()/rules/frameworks
std::filesystem::path default_frameworks_dir();

}  // namespace oitscan::score
