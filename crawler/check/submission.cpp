#include "check/submission.hpp"

#include <boost/url/parse.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "common/input_error.hpp"
#include "thai/utf8.hpp"

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

// Limits on what a submission may be. One unit submits ~22 items with a few URLs each; anything
// far larger is a mistake or an attack (a YAML alias bomb expands to billions of nodes).
constexpr std::uintmax_t kMaxSubmissionBytes = 2u << 20;  // 2 MB
constexpr std::size_t kMaxYamlNodes = 100000;             // counted with aliases expanded
constexpr std::size_t kMaxUrls = 5000;

int line_of(const YAML::Node& n) { return n.Mark().line + 1; }

// The file must be a regular file of bounded size before any parser sees it: a folder otherwise
// fails deep inside the stream library ("basic_filebuf::underflow"), a huge file eats memory.
void check_submission_file(const std::filesystem::path& file, std::uintmax_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) fail(file, 0, "", "no such file");
  if (std::filesystem::is_directory(status)) fail(file, 0, "", "is a directory; give one submission file");
  if (!std::filesystem::is_regular_file(status)) fail(file, 0, "", "not a regular file");
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) fail(file, 0, "", "cannot read the submission file: " + ec.message());
  if (size > max_bytes) {
    fail(file, 0, "", "the file is " + std::to_string(size) + " bytes; a submission may be at most " + std::to_string(max_bytes));
  }
}

// Walks the whole document once before it is read: every key and string valid UTF-8 (results.json
// must be able to carry them), no key twice in one map (yaml-cpp keeps the first silently), and a
// bounded number of nodes. Aliases are walked each time they are used, so a bomb hits the limit.
void check_yaml_tree(const YAML::Node& node, const std::filesystem::path& file, const std::string& field, std::size_t& nodes) {
  if (++nodes > kMaxYamlNodes) {
    fail(file, line_of(node), field, "more than " + std::to_string(kMaxYamlNodes) + " YAML nodes (with aliases expanded)");
  }
  if (node.IsScalar()) {
    if (!thai::is_valid_utf8(node.Scalar())) fail(file, line_of(node), field, "not valid UTF-8");
  } else if (node.IsSequence()) {
    std::size_t i = 0;
    for (const auto& v : node) check_yaml_tree(v, file, field + "[" + std::to_string(i++) + "]", nodes);
  } else if (node.IsMap()) {
    std::map<std::string, int> seen;  // key -> line of its first use
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) fail(file, line_of(kv.first), field, "a key must be a plain string");
      const std::string& key = kv.first.Scalar();
      const std::string path = field.empty() ? key : field + "." + key;
      if (!thai::is_valid_utf8(key)) fail(file, line_of(kv.first), field, "a key is not valid UTF-8");
      const auto [it, fresh] = seen.emplace(key, line_of(kv.first));
      if (!fresh) fail(file, line_of(kv.first), path, "duplicate key (first at line " + std::to_string(it->second) + ")");
      check_yaml_tree(kv.second, file, path, nodes);
    }
  }
}

// The text of a field that must be a single value; `id: [a, b]` is an error naming the field,
// not yaml-cpp's "bad conversion".
std::string scalar(const YAML::Node& node, const std::filesystem::path& file, const std::string& field) {
  if (!node.IsScalar()) fail(file, line_of(node), field, "expected a single value, not a list or mapping");
  return node.Scalar();
}

YAML::Node load_yaml(const std::filesystem::path& file) {
  check_submission_file(file, kMaxSubmissionBytes);
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    fail(file, e.mark.line + 1, "", "YAML syntax: " + e.msg);
  } catch (const YAML::BadFile&) {
    fail(file, 0, "", "cannot read the submission file");
  }
}

}  // namespace

Submission load_submission_yaml(const std::filesystem::path& file) {
  const YAML::Node root = load_yaml(file);
  auto line = line_of;
  if (!root.IsMap()) fail(file, 1, "", "a submission is a mapping with unit, framework and items");
  std::size_t nodes = 0;
  check_yaml_tree(root, file, "", nodes);
  for (const auto& kv : root) {
    const auto key = kv.first.Scalar();
    if (key != "unit" && key != "framework" && key != "items") fail(file, line(kv.first), key, "unknown key (unit, framework, items)");
  }
  Submission s;
  s.file = file;
  const YAML::Node unit = root["unit"];
  if (!unit || !unit.IsMap()) fail(file, line(root), "unit", "missing (id, name_th, website)");
  for (const auto& kv : unit) {
    const auto key = kv.first.Scalar();
    if (key != "id" && key != "name_th" && key != "website" && key != "name_en") fail(file, line(kv.first), "unit." + key, "unknown key");
  }
  if (!unit["id"]) fail(file, line(unit), "unit.id", "missing");
  s.unit_id = scalar(unit["id"], file, "unit.id");
  if (!valid_unit_id(s.unit_id)) fail(file, line(unit["id"]), "unit.id", "'" + s.unit_id + "' must match [a-z0-9-]+");
  s.name_th = unit["name_th"] ? scalar(unit["name_th"], file, "unit.name_th") : "";
  if (unit["name_en"]) scalar(unit["name_en"], file, "unit.name_en");
  if (!unit["website"]) fail(file, line(unit), "unit.website", "missing");
  s.website = scalar(unit["website"], file, "unit.website");
  if (!valid_http_url(s.website)) fail(file, line(unit["website"]), "unit.website", "'" + s.website + "' is not an http(s) URL");
  if (!root["framework"]) fail(file, line(root), "framework", "missing (e.g. bma-district-2568)");
  s.framework = scalar(root["framework"], file, "framework");
  s.framework_line = line(root["framework"]);
  const YAML::Node items = root["items"];
  if (items && !items.IsMap()) fail(file, line(items), "items", "expected O1: [url, …] entries");
  std::size_t url_count = 0;
  if (items) {
    for (const auto& kv : items) {
      const auto id = kv.first.Scalar();
      if (!valid_item_id(id)) fail(file, line(kv.first), "items." + id, "not an item id like O1 … O22");
      const std::string field = "items." + id;
      std::vector<std::string> urls;
      if (kv.second.IsScalar()) {
        urls.push_back(kv.second.Scalar());
      } else if (kv.second.IsSequence()) {
        for (const auto& u : kv.second) urls.push_back(scalar(u, file, field));
      } else if (!kv.second.IsNull()) {
        fail(file, line(kv.second), field, "expected a URL or a list of URLs");
      }
      url_count += urls.size();
      if (url_count > kMaxUrls) fail(file, line(kv.second), field, "more than " + std::to_string(kMaxUrls) + " URLs in one submission");
      for (const auto& u : urls) {
        if (!valid_http_url(u)) fail(file, line(kv.second), field, "'" + u + "' is not an http(s) URL");
      }
      s.item_lines.emplace(id, line(kv.first));
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
  // A bulk file holds many units, so it may be larger than one unit's YAML.
  check_submission_file(file, 10 * kMaxSubmissionBytes);
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
  std::map<std::size_t, std::size_t> url_rows;  // unit index -> its rows so far
  int record_line = line;
  while (read_csv_record(in, fields, line)) {
    const int at = record_line;
    record_line = line;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != header.size()) {
      fail(file, at, "", "expected 6 fields, got " + std::to_string(fields.size()));
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!thai::is_valid_utf8(fields[i])) fail(file, at, header[i], "not valid UTF-8");
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
    s.item_lines.emplace(item, at);
    // The same bound as one YAML submission: a bulk file must not queue unbounded URLs for a unit.
    if (++url_rows[it->second] > kMaxUrls) {
      fail(file, at, "url", "more than " + std::to_string(kMaxUrls) + " URLs for unit " + unit_id);
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
