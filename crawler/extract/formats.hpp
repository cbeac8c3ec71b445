#pragma once
// The format table of rules/formats.yaml: which formats are machine-readable or editable and which
// extractor reads them. Data, so next year's policy needs no code change.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace oitscan::extract {

struct FormatInfo {
  std::string name;
  bool machine_readable = false;
  bool editable = false;
  std::string extractor;
  std::vector<std::string> mime;
};

class FormatTable {
 public:
  static FormatTable load(const std::filesystem::path& file);  // throws InputError
  static const FormatTable& default_table();                   // data_dir()/rules/formats.yaml, loaded once

  const FormatInfo* find(const std::string& format) const;
  // The format a Content-Type names ("text/html; charset=x" -> "html"), or "".
  std::string format_for_content_type(const std::string& content_type) const;

 private:
  std::map<std::string, FormatInfo> formats_;
};

}  // namespace oitscan::extract
