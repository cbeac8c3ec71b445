#include "extract/formats.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"

namespace oitscan::extract {

FormatTable FormatTable::load(const std::filesystem::path& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw InputError(file.string(), e.mark.line + 1, "", e.what());
  }
  const YAML::Node formats = root["formats"];
  if (!formats || !formats.IsMap()) throw InputError(file.string(), 0, "formats", "missing map 'formats'");
  FormatTable t;
  for (const auto& kv : formats) {
    FormatInfo f;
    f.name = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    try {
      f.machine_readable = v["machine_readable"].as<bool>();
      f.editable = v["editable"].as<bool>();
      f.extractor = v["extractor"] ? v["extractor"].as<std::string>() : "";
      if (v["mime"]) f.mime = v["mime"].as<std::vector<std::string>>();
    } catch (const YAML::Exception& e) {
      throw InputError(file.string(), v.Mark().line + 1, "formats." + f.name, e.what());
    }
    t.formats_[f.name] = std::move(f);
  }
  return t;
}

const FormatTable& FormatTable::default_table() {
  static std::once_flag once;
  static FormatTable table;
  std::call_once(once, [] { table = load(data_dir() / "rules" / "formats.yaml"); });
  return table;
}

const FormatInfo* FormatTable::find(const std::string& format) const {
  auto it = formats_.find(format);
  return it == formats_.end() ? nullptr : &it->second;
}

std::string FormatTable::format_for_content_type(const std::string& content_type) const {
  std::string mime = content_type.substr(0, content_type.find(';'));
  mime.erase(std::remove_if(mime.begin(), mime.end(), [](unsigned char c) { return std::isspace(c) != 0; }),
             mime.end());
  std::transform(mime.begin(), mime.end(), mime.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (mime.empty() || mime == "application/octet-stream") return {};
  for (const auto& [name, f] : formats_) {
    if (std::find(f.mime.begin(), f.mime.end(), mime) != f.mime.end()) return name;
  }
  return {};
}

}  // namespace oitscan::extract
