#include "common/document_extensions.hpp"

#include <yaml-cpp/yaml.h>

#include <mutex>
#include <utility>
#include <vector>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "common/text.hpp"

namespace oitscan {
namespace {

using ExtensionTable = std::vector<std::pair<std::string, std::string>>;  // ".pdf" -> "pdf"

ExtensionTable load_extensions() {
  const auto file = data_dir() / "rules" / "formats.yaml";
  ExtensionTable table;
  try {
    const YAML::Node formats = YAML::LoadFile(file.string())["formats"];
    for (const auto& kv : formats) {
      const auto name = kv.first.as<std::string>();
      if (const YAML::Node exts = kv.second["extensions"]) {
        for (const auto& e : exts) table.emplace_back(ascii_lower(e.as<std::string>()), name);
      }
    }
  } catch (const YAML::Exception& e) {
    throw InputError(file.string(), e.mark.line + 1, "extensions", e.what());
  }
  return table;
}

const ExtensionTable& extensions() {
  static std::once_flag once;
  static ExtensionTable table;
  std::call_once(once, [] { table = load_extensions(); });
  return table;
}

}  // namespace

std::optional<std::string> format_named_by_path(std::string_view path) {
  for (const auto& [ext, name] : extensions()) {
    if (iends_with(path, ext)) return name;
  }
  return std::nullopt;
}

bool names_a_document(std::string_view path) {
  const auto format = format_named_by_path(path);
  return format && *format != "html";
}

}  // namespace oitscan
