#pragma once
// Auditor decisions (contracts.md "Overrides"): a person sets the verdict of one item, or of one
// requirement of an item, for a unit. The decision holds from the unit's latest finished run at the
// time it is recorded, and for every later run, until it is withdrawn (a withdrawal holds from the
// latest run at that time: that run shows the machine's verdict again). Nothing is ever deleted:
// who decided what, when and why, and what the machine had said, stays on record.
//
// In a results document an overridden item or requirement keeps the machine's verdict in
// `machine_verdict` and carries `override: {verdict, by, at, why}`; an item whose verdict changes
// only because one of its requirements was overridden gets `machine_verdict` too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace oitscan::store {

class Database;

// What an auditor asks for (the CLI `override` command and serve's POST /api/overrides).
struct OverrideRequest {
  std::string unit_id;
  std::string item_id;
  std::string requirement_id;  // "" = the whole item
  std::string verdict;         // pass | fail
  std::string by;              // the auditor's name
  std::string why;             // required: a decision without a reason cannot be audited
};

struct Override {
  std::int64_t id = 0;
  std::string unit_id;
  std::string item_id;
  std::string requirement_id;  // "" = the whole item
  std::string verdict;         // pass | fail
  std::string machine_verdict; // what the machine said on from_run when the decision was recorded
  std::string by;
  std::string at;              // ISO 8601, Bangkok time with offset: 2025-04-30T09:12:00+07:00
  std::string why;
  std::int64_t from_run = 0;   // first run it applies to
  std::optional<std::int64_t> until_run;  // withdrawn: applies to runs before this one only
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> withdrawn_by;

  bool applies_to(std::int64_t run_id) const { return run_id >= from_run && (!until_run || run_id < *until_run); }
};

// Creates the overrides table if the database has none (its own table, independent of the
// versioned schema of schema.hpp, so older history files gain it on first use).
void ensure_overrides_table(Database& db);

// Limits on what a person may type into a decision (hostile or accidental input stays bounded).
inline constexpr std::size_t kMaxOverrideText = 4000;

// Throws InputError naming the field when the request is malformed (verdict not pass|fail, empty
// or over-long by/why, bad unit id, control characters).
void validate_override_request(const OverrideRequest& request);

// Sets the effective verdicts of a results document (oitscan.results/1, as JSON) for the given
// decisions: first restores every machine verdict an earlier application left, then applies
// requirement decisions, recomputes those items' verdicts (an item passes when every mandatory
// requirement passes; any mandatory fail makes it fail, else any unverified makes it unverified),
// then applies item decisions. Decisions naming an item or requirement the document lacks are
// ignored. Returns how many decisions were applied. The score is not touched (see
// check::rescore_results).
int apply_overrides(nlohmann::ordered_json& results, const std::vector<Override>& overrides);

// ISO 8601 in Bangkok time (UTC+7, no daylight saving): "2025-04-30T09:12:00+07:00".
std::string bangkok_iso8601_now();

}  // namespace oitscan::store
