#include "extract/formats.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"

#include "common/text.hpp"

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
    const std::string name = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    const auto format = format_from_string(name);
    if (!format) throw InputError(file.string(), kv.first.Mark().line + 1, "formats." + name, "not a format the sniffer knows");
    f.format = *format;
    try {
      f.machine_readable = v["machine_readable"].as<bool>();
      f.editable = v["editable"].as<bool>();
      f.extractor = v["extractor"] ? v["extractor"].as<std::string>() : "";
      if (v["mime"]) f.mime = v["mime"].as<std::vector<std::string>>();
    } catch (const YAML::Exception& e) {
      throw InputError(file.string(), v.Mark().line + 1, "formats." + name, e.what());
    }
    t.formats_[f.format] = std::move(f);
  }
  return t;
}

const FormatTable& FormatTable::default_table() {
  static std::once_flag once;
  static FormatTable table;
  std::call_once(once, [] { table = load(data_dir() / "rules" / "formats.yaml"); });
  return table;
}

const FormatInfo* FormatTable::find(Format format) const {
  auto it = formats_.find(format);
  return it == formats_.end() ? nullptr : &it->second;
}

const FormatInfo* FormatTable::find(std::string_view name) const {
  const auto format = format_from_string(name);
  return format ? find(*format) : nullptr;
}

std::optional<Format> FormatTable::format_for_content_type(const std::string& content_type) const {
  std::string mime = content_type.substr(0, content_type.find(';'));
  mime.erase(std::remove_if(mime.begin(), mime.end(), [](unsigned char c) { return std::isspace(c) != 0; }),
             mime.end());
  mime = ascii_lower(mime);
  if (mime.empty() || mime == "application/octet-stream") return {};
  for (const auto& [format, f] : formats_) {
    if (std::find(f.mime.begin(), f.mime.end(), mime) != f.mime.end()) return format;
  }
  return std::nullopt;
}

}  // namespace oitscan::extract
