#pragma once
// An oitscan.results/1 document (contracts.md) as the history store normalises it. Parsing
// validates every field the store relies on and names the offending one, e.g.
// "items[3].requirements[0].verdict", in an InputError.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace oitscan::store {

struct EvidenceEntry {
  std::string url;
  std::optional<std::string> final_url;
  std::optional<int> http_status;
  std::optional<std::string> fetched_at;
  std::optional<std::string> sha256;
  std::optional<std::string> warc_record_id;
};

struct RequirementResult {
  std::string id;
  std::string verdict;  // pass | fail | unverified
  std::string reason;
  std::string message_th;
  std::string message_en;
  std::string evidence_json;  // the evidence array as given (extra fields kept)
  std::vector<EvidenceEntry> evidence;
};

struct ItemResult {
  std::string id;
  std::string verdict;
  std::optional<double> oit_contribution;
  std::vector<RequirementResult> requirements;
};

struct ScoreResult {
  std::optional<std::string> framework;
  std::optional<double> oit;
  std::optional<double> oit_min;
  std::optional<double> oit_max;
  std::string indicators_json = "{}";
};

struct RunResults {
  std::string unit_id;
  std::string unit_name_th;
  std::string unit_website;
  std::string framework;
  std::string rules_version;
  std::string started_at;
  std::string finished_at;
  std::vector<ItemResult> items;
  std::optional<ScoreResult> score;
};

// `source` names the document in errors (a file path, or "results.json").
RunResults parse_run_results(const std::string& json_text, const std::string& source);

bool is_verdict(const std::string& s);
// Unit ids are the stable history key: [a-z0-9-]+ (contracts.md).
bool is_unit_id(const std::string& s);

}  // namespace oitscan::store
