#include "check/submission.hpp"

#include <boost/url/parse.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/input_error.hpp"

namespace oitscan::check {
namespace {

bool valid_unit_id(const std::string& id) { return std::regex_match(id, std::regex("[a-z0-9-]+")); }
bool valid_item_id(const std::string& id) { return std::regex_match(id, std::regex("O[1-9][0-9]?")); }

bool valid_http_url(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return false;
  const auto scheme = parsed->scheme();
  return (scheme == "http" || scheme == "https") && parsed->has_authority() && !parsed->encoded_host().empty();
}

[[noreturn]] void fail(const std::filesystem::path& file, int line, const std::string& field, const std::string& msg) {
  throw InputError(file.string(), line, field, msg);
}

}  // namespace

Submission load_submission_yaml(const std::filesystem::path& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    fail(file, e.mark.line + 1, "", "YAML syntax: " + e.msg);
  } catch (const YAML::BadFile&) {
    fail(file, 0, "", "cannot read the submission file");
  }
  auto line = [](const YAML::Node& n) { return n.Mark().line + 1; };
  if (!root.IsMap()) fail(file, 1, "", "a submission is a mapping with unit, framework and items");
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    if (key != "unit" && key != "framework" && key != "items") fail(file, line(kv.first), key, "unknown key (unit, framework, items)");
  }
  Submission s;
  s.file = file;
  const YAML::Node unit = root["unit"];
  if (!unit || !unit.IsMap()) fail(file, line(root), "unit", "missing (id, name_th, website)");
  for (const auto& kv : unit) {
    const auto key = kv.first.as<std::string>();
    if (key != "id" && key != "name_th" && key != "website" && key != "name_en") fail(file, line(kv.first), "unit." + key, "unknown key");
  }
  if (!unit["id"]) fail(file, line(unit), "unit.id", "missing");
  s.unit_id = unit["id"].as<std::string>();
  if (!valid_unit_id(s.unit_id)) fail(file, line(unit["id"]), "unit.id", "'" + s.unit_id + "' must match [a-z0-9-]+");
  s.name_th = unit["name_th"] ? unit["name_th"].as<std::string>() : "";
  if (!unit["website"]) fail(file, line(unit), "unit.website", "missing");
  s.website = unit["website"].as<std::string>();
  if (!valid_http_url(s.website)) fail(file, line(unit["website"]), "unit.website", "'" + s.website + "' is not an http(s) URL");
  if (!root["framework"]) fail(file, line(root), "framework", "missing (e.g. bma-district-2568)");
  s.framework = root["framework"].as<std::string>();
  const YAML::Node items = root["items"];
  if (items && !items.IsMap()) fail(file, line(items), "items", "expected O1: [url, …] entries");
  if (items) {
    for (const auto& kv : items) {
      const auto id = kv.first.as<std::string>();
      if (!valid_item_id(id)) fail(file, line(kv.first), "items." + id, "not an item id like O1 … O22");
      std::vector<std::string> urls;
      if (kv.second.IsScalar()) {
        urls.push_back(kv.second.as<std::string>());
      } else if (kv.second.IsSequence()) {
        for (const auto& u : kv.second) urls.push_back(u.as<std::string>());
      } else if (!kv.second.IsNull()) {
        fail(file, line(kv.second), "items." + id, "expected a URL or a list of URLs");
      }
      for (const auto& u : urls) {
        if (!valid_http_url(u)) fail(file, line(kv.second), "items." + id, "'" + u + "' is not an http(s) URL");
      }
      auto& list = s.items[id];
      for (auto& u : urls) {
        if (std::find(list.begin(), list.end(), u) == list.end()) list.push_back(std::move(u));
      }
    }
  }
  return s;
}

namespace {

// RFC 4180 fields of one record; `in` positioned at a record start. Returns false at end of input.
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, int& line) {
  fields.clear();
  if (in.peek() == EOF) return false;
  std::string field;
  bool quoted = false, at_start = true;
  int c;
  while ((c = in.get()) != EOF) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          field.push_back('"');
          in.get();
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == '"' && at_start) {
      quoted = true;
      at_start = false;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      at_start = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      ++line;
      break;
    } else {
      field.push_back(static_cast<char>(c));
      at_start = false;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

}  // namespace

std::vector<Submission> load_submissions_csv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, 0, "", "cannot read the CSV file");
  if (in.peek() == 0xEF) {  // UTF-8 BOM
    char bom[3];
    in.read(bom, 3);
  }
  const std::vector<std::string> header = {"unit_id", "unit_name_th", "website", "framework", "item", "url"};
  std::vector<std::string> fields;
  int line = 1;
  if (!read_csv_record(in, fields, line) || fields != header) {
    fail(file, 1, "header", "expected unit_id,unit_name_th,website,framework,item,url");
  }
  std::vector<Submission> out;
  std::map<std::string, std::size_t> by_unit;
  int record_line = line;
  while (read_csv_record(in, fields, line)) {
    const int at = record_line;
    record_line = line;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != header.size()) {
      fail(file, at, "", "expected 6 fields, got " + std::to_string(fields.size()));
    }
    const auto& [unit_id, name, website, framework, item, url] =
        std::tie(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    if (!valid_unit_id(unit_id)) fail(file, at, "unit_id", "'" + unit_id + "' must match [a-z0-9-]+");
    if (!valid_http_url(website)) fail(file, at, "website", "'" + website + "' is not an http(s) URL");
    if (!valid_item_id(item)) fail(file, at, "item", "'" + item + "' is not an item id like O1 … O22");
    if (!valid_http_url(url)) fail(file, at, "url", "'" + url + "' is not an http(s) URL");
    auto it = by_unit.find(unit_id);
    if (it == by_unit.end()) {
      Submission s;
      s.unit_id = unit_id;
      s.name_th = name;
      s.website = website;
      s.framework = framework;
      s.file = file;
      it = by_unit.emplace(unit_id, out.size()).first;
      out.push_back(std::move(s));
    }
    Submission& s = out[it->second];
    if (s.website != website || s.framework != framework) {
      fail(file, at, "website", "unit " + unit_id + " has another website or framework on an earlier row");
    }
    auto& list = s.items[item];
    if (std::find(list.begin(), list.end(), url) == list.end()) list.push_back(url);
  }
  return out;
}

std::vector<Submission> load_submissions(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(path)) {
      const auto ext = e.path().extension();
      if (ext == ".yaml" || ext == ".yml" || ext == ".csv") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<Submission> out;
    for (const auto& f : files) {
      auto more = load_submissions(f);
      out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    return out;
  }
  if (path.extension() == ".csv") return load_submissions_csv(path);
  return {load_submission_yaml(path)};
}

}  // namespace oitscan::check
