#pragma once
// What a unit submits for one assessment year: for each OIT item, the URLs on its main website
// (contracts.md "Input: a submission"). YAML for one unit; CSV in bulk for nightly scans.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace oitscan::check {

struct Submission {
  std::string unit_id;  // [a-z0-9-]+
  std::string name_th;
  std::string website;  // the unit's main website
  std::string framework;
  std::map<std::string, std::vector<std::string>> items;  // O1 -> URLs, in file order per item
  std::filesystem::path file;
  // Where each item and the framework were given, for errors found once the framework is known
  // (check/rule_catalog: an item the framework does not have). 0 when unknown.
  std::map<std::string, int> item_lines;
  int framework_line = 0;
};

// Throws InputError naming file, line and field.
Submission load_submission_yaml(const std::filesystem::path& file);

// Bulk CSV: unit_id,unit_name_th,website,framework,item,url — one row per URL; rows of one unit
// must agree on name, website and framework.
std::vector<Submission> load_submissions_csv(const std::filesystem::path& file);

// YAML or CSV by extension; a directory means every .yaml/.yml/.csv inside it.
std::vector<Submission> load_submissions(const std::filesystem::path& path);

}  // namespace oitscan::check
