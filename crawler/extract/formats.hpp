#pragma once
// The format table of rules/formats.yaml: which formats are machine-readable or editable and which
// extractor reads them. Data, so next year's policy needs no code change.
#include <filesystem>
#include <map>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "extract/format.hpp"

namespace oitscan::extract {

struct FormatInfo {
  Format format = Format::unknown;
  bool machine_readable = false;
  bool editable = false;
  std::string extractor;
  std::vector<std::string> mime;
};

class FormatTable {
 public:
  static FormatTable load(const std::filesystem::path& file);  // throws InputError
  static const FormatTable& default_table();                   // data_dir()/rules/formats.yaml, loaded once

  const FormatInfo* find(Format format) const;
  const FormatInfo* find(std::string_view name) const;  // by spelling ("xlsx"); null when unknown
  // The format a Content-Type names ("text/html; charset=x" -> html), or none.
  std::optional<Format> format_for_content_type(const std::string& content_type) const;

 private:
  std::map<Format, FormatInfo> formats_;
};

}  // namespace oitscan::extract
