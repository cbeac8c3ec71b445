#include "scaleout/job_inputs.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/digest.hpp"
#include "common/input_error.hpp"

namespace oitscan::scaleout {
namespace {

using json = nlohmann::ordered_json;

std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void add_files(std::vector<std::filesystem::path>& out, const std::filesystem::path& dir, bool recursive) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  if (recursive) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
      if (e.is_regular_file()) out.push_back(e.path());
    }
  } else {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path());
    }
  }
}

}  // namespace

std::string rule_set_digest(const std::filesystem::path& rules_root, const std::string& framework) {
  std::vector<std::filesystem::path> files;
  add_files(files, rules_root, false);
  add_files(files, rules_root / "frameworks", true);
  add_files(files, rules_root / framework, true);
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) {
    const std::string bytes = file_bytes(f);
    // Name and length first, so moving bytes from one file to the next changes the digest.
    all += std::filesystem::relative(f, rules_root).generic_string() + '\0' + std::to_string(bytes.size()) + '\0' + bytes;
  }
  return sha256_hex(all);
}

std::string RuleSetDigests::of(const std::string& framework) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, fresh] = digests_.try_emplace(framework);
  if (fresh) it->second = rule_set_digest(rules_root_, framework);
  return it->second;
}

std::string to_json(const JobInputs& in) {
  const check::Submission& s = in.submission;
  json items = json::object();
  for (const auto& [id, urls] : s.items) items[id] = urls;
  return json{{"schema", "oitscan.job-inputs/1"},
              {"unit", {{"id", s.unit_id}, {"name_th", s.name_th}, {"website", s.website}}},
              {"framework", s.framework},
              {"rules_digest", in.rules_digest},
              {"source", s.file.string()},
              {"items", items}}
      .dump();
}

JobInputs job_inputs_from_json(const std::string& text) {
  const std::string where = "job inputs";
  JobInputs in;
  try {
    const auto j = json::parse(text);
    if (j.value("schema", "") != "oitscan.job-inputs/1") throw InputError(where, 0, "schema", "is not oitscan.job-inputs/1");
    in.submission.unit_id = j.at("unit").at("id").get<std::string>();
    in.submission.name_th = j.at("unit").value("name_th", "");
    in.submission.website = j.at("unit").value("website", "");
    in.submission.framework = j.at("framework").get<std::string>();
    in.submission.file = j.value("source", "");
    in.rules_digest = j.value("rules_digest", "");
    for (const auto& [id, urls] : j.at("items").items()) in.submission.items[id] = urls.get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(where, 0, "", std::string("malformed: ") + e.what());
  }
  return in;
}

}  // namespace oitscan::scaleout
