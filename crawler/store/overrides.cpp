// Auditor decisions: the overrides table, HistoryStore's record/withdraw/list, and applying the
// decisions to a results document.
#include "store/overrides.hpp"

#include <ctime>
#include <map>

#include "common/input_error.hpp"
#include "store/history_store.hpp"
#include "store/run_results.hpp"

namespace oitscan::store {

namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* kOverrideColumns =
    "id, unit_id, item_id, requirement_id, verdict, machine_verdict, decided_by, decided_at, why, from_run, until_run, "
    "withdrawn_at, withdrawn_by";

Override override_from(const Statement& st) {
  Override o;
  o.id = st.integer(0);
  o.unit_id = st.text(1);
  o.item_id = st.text(2);
  o.requirement_id = st.text(3);
  o.verdict = st.text(4);
  o.machine_verdict = st.text(5);
  o.by = st.text(6);
  o.at = st.text(7);
  o.why = st.text(8);
  o.from_run = st.integer(9);
  o.until_run = st.optional_integer(10);
  o.withdrawn_at = st.optional_text(11);
  o.withdrawn_by = st.optional_text(12);
  return o;
}

void check_text(const std::string& field, const std::string& value, bool multiline) {
  if (value.empty()) throw InputError("", 0, field, "must not be empty");
  if (value.size() > kMaxOverrideText) {
    throw InputError("", 0, field, "is " + std::to_string(value.size()) + " bytes; at most " + std::to_string(kMaxOverrideText));
  }
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\t')))) {
      throw InputError("", 0, field, "contains a control character");
    }
  }
}

// The machine's verdict of an entry in a results document: an earlier application keeps it in
// machine_verdict.
std::string machine_verdict_of(const ordered_json& entry) {
  if (entry.contains("machine_verdict") && entry["machine_verdict"].is_string()) return entry["machine_verdict"];
  return entry.value("verdict", "");
}

void restore_machine_verdict(ordered_json& entry) {
  if (entry.contains("machine_verdict") && entry["machine_verdict"].is_string()) entry["verdict"] = entry["machine_verdict"];
  entry.erase("machine_verdict");
  entry.erase("override");
}

void set_verdict(ordered_json& entry, const std::string& verdict, const Override* decision) {
  const std::string machine = machine_verdict_of(entry);
  entry["verdict"] = verdict;
  entry["machine_verdict"] = machine;
  if (decision) {
    entry["override"] = {{"verdict", decision->verdict}, {"by", decision->by}, {"at", decision->at}, {"why", decision->why}};
  }
}

// The evaluator's rule (contracts.md): every mandatory requirement passes → pass; any mandatory
// failure → fail; otherwise unverified.
std::string item_verdict_from(const ordered_json& requirements) {
  bool any_fail = false;
  bool any_unverified = false;
  for (const auto& r : requirements) {
    if (!r.value("mandatory", true)) continue;
    const std::string v = r.value("verdict", "");
    any_fail = any_fail || v == "fail";
    any_unverified = any_unverified || v == "unverified";
  }
  return any_fail ? "fail" : any_unverified ? "unverified" : "pass";
}

}  // namespace

void ensure_overrides_table(Database& db) {
  constexpr const char* kTable = R"sql(
CREATE TABLE IF NOT EXISTS overrides (
  id              INTEGER PRIMARY KEY,
  unit_id         TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  requirement_id  TEXT NOT NULL DEFAULT '',   -- '' = the whole item
  verdict         TEXT NOT NULL CHECK (verdict IN ('pass', 'fail')),
  machine_verdict TEXT NOT NULL,
  decided_by      TEXT NOT NULL,
  decided_at      TEXT NOT NULL,              -- ISO 8601, Bangkok time with offset
  why             TEXT NOT NULL,
  from_run        INTEGER NOT NULL,           -- first run it applies to (kept even if pruned)
  until_run       INTEGER,                    -- withdrawn: applies to runs before this one only
  withdrawn_at    TEXT,
  withdrawn_by    TEXT
);
CREATE INDEX IF NOT EXISTS overrides_by_unit ON overrides (unit_id, item_id, requirement_id);
)sql";
  db.exec(db.dialect() == Dialect::Postgres ? postgres_ddl(kTable).c_str() : kTable);
}

void validate_override_request(const OverrideRequest& r) {
  if (!is_unit_id(r.unit_id)) throw InputError("", 0, "unit", "must match [a-z0-9-]+, not \"" + r.unit_id + "\"");
  check_text("item", r.item_id, false);
  if (!r.requirement_id.empty()) check_text("requirement", r.requirement_id, false);
  if (r.verdict != "pass" && r.verdict != "fail") {
    throw InputError("", 0, "verdict", "must be pass or fail, not \"" + r.verdict + "\"");
  }
  check_text("by", r.by, false);
  check_text("why", r.why, true);
}

std::string bangkok_iso8601_now() {
  // Bangkok has been UTC+7 all year since 1920: no zone database needed.
  const std::time_t bangkok = std::time(nullptr) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&bangkok, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

int apply_overrides(ordered_json& results, const std::vector<Override>& overrides) {
  if (!results.contains("items") || !results["items"].is_array()) return 0;
  for (auto& item : results["items"]) {
    restore_machine_verdict(item);
    if (!item.contains("requirements") || !item["requirements"].is_array()) continue;
    for (auto& r : item["requirements"]) restore_machine_verdict(r);
  }
  int applied = 0;
  for (auto& item : results["items"]) {
    const std::string item_id = item.value("id", "");
    bool requirement_changed = false;
    if (item.contains("requirements") && item["requirements"].is_array()) {
      for (auto& r : item["requirements"]) {
        for (const Override& o : overrides) {
          if (o.item_id != item_id || o.requirement_id.empty() || o.requirement_id != r.value("id", "")) continue;
          set_verdict(r, o.verdict, &o);
          requirement_changed = true;
          ++applied;
        }
      }
      if (requirement_changed) {
        const std::string derived = item_verdict_from(item["requirements"]);
        if (derived != item.value("verdict", "")) set_verdict(item, derived, nullptr);
      }
    }
    for (const Override& o : overrides) {
      if (o.item_id != item_id || !o.requirement_id.empty()) continue;
      set_verdict(item, o.verdict, &o);
      ++applied;
    }
  }
  return applied;
}

Override HistoryStore::record_override(const OverrideRequest& request) {
  validate_override_request(request);
  const std::lock_guard lock(mutex_);
  const auto latest = previous_run(request.unit_id, 0);
  if (!latest) throw InputError("", 0, "unit", "no finished run of unit " + request.unit_id);

  // The decision must name something the run judged; the machine's verdict is kept with it.
  std::string machine;
  const auto doc = results_json(latest->id);
  if (doc && !doc->empty()) {
    const ordered_json results = ordered_json::parse(*doc);
    bool found_item = false;
    for (const auto& item : results.value("items", ordered_json::array())) {
      if (item.value("id", "") != request.item_id) continue;
      found_item = true;
      if (request.requirement_id.empty()) {
        machine = machine_verdict_of(item);
        continue;
      }
      for (const auto& r : item.value("requirements", ordered_json::array())) {
        if (r.value("id", "") == request.requirement_id) machine = machine_verdict_of(r);
      }
      if (machine.empty()) {
        throw InputError("", 0, "requirement",
                         "item " + request.item_id + " of run " + std::to_string(latest->id) + " has no requirement \"" +
                             request.requirement_id + "\"");
      }
    }
    if (!found_item) {
      throw InputError("", 0, "item", "run " + std::to_string(latest->id) + " of unit " + request.unit_id +
                                          " has no item \"" + request.item_id + "\"");
    }
  }

  const std::string now = bangkok_iso8601_now();
  Transaction tx(*db_);
  Statement supersede = db_->prepare(
      "UPDATE overrides SET until_run = ?4, withdrawn_at = ?5, withdrawn_by = ?6 "
      "WHERE unit_id = ?1 AND item_id = ?2 AND requirement_id = ?3 AND until_run IS NULL");
  supersede.bind(1, request.unit_id).bind(2, request.item_id).bind(3, request.requirement_id);
  supersede.bind(4, latest->id).bind(5, now).bind(6, request.by);
  supersede.run();
  Statement st = db_->prepare(
      "INSERT INTO overrides (unit_id, item_id, requirement_id, verdict, machine_verdict, decided_by, decided_at, why, "
      "from_run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  st.bind(1, request.unit_id).bind(2, request.item_id).bind(3, request.requirement_id).bind(4, request.verdict);
  st.bind(5, machine).bind(6, request.by).bind(7, now).bind(8, request.why).bind(9, latest->id);
  st.run();
  const std::int64_t id = db_->last_insert_id();
  tx.commit();
  Statement back = db_->prepare(std::string("SELECT ") + kOverrideColumns + " FROM overrides WHERE id = ?1");
  back.bind(1, id);
  back.step();
  return override_from(back);
}

std::optional<Override> HistoryStore::withdraw_override(const std::string& unit_id, const std::string& item_id,
                                                        const std::string& requirement_id, const std::string& by) {
  check_text("by", by, false);
  const std::lock_guard lock(mutex_);
  Statement find = db_->prepare(std::string("SELECT ") + kOverrideColumns +
                                " FROM overrides WHERE unit_id = ?1 AND item_id = ?2 AND requirement_id = ?3 "
                                "AND until_run IS NULL ORDER BY id DESC LIMIT 1");
  find.bind(1, unit_id).bind(2, item_id).bind(3, requirement_id);
  if (!find.step()) return std::nullopt;
  Override o = override_from(find);
  const auto latest = previous_run(unit_id, 0);
  o.until_run = latest ? latest->id : o.from_run;
  o.withdrawn_at = bangkok_iso8601_now();
  o.withdrawn_by = by;
  Statement st = db_->prepare("UPDATE overrides SET until_run = ?2, withdrawn_at = ?3, withdrawn_by = ?4 WHERE id = ?1");
  st.bind(1, o.id).bind(2, o.until_run).bind(3, o.withdrawn_at).bind(4, o.withdrawn_by);
  st.run();
  return o;
}

std::vector<Override> HistoryStore::overrides(const std::string& unit_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kOverrideColumns +
                              " FROM overrides WHERE ?1 = '' OR unit_id = ?1 ORDER BY id");
  st.bind(1, unit_id);
  std::vector<Override> out;
  while (st.step()) out.push_back(override_from(st));
  return out;
}

std::vector<Override> HistoryStore::overrides_for_run(std::int64_t run_id) {
  const std::lock_guard lock(mutex_);
  const auto info = run(run_id);
  if (!info) return {};
  std::vector<Override> out;
  for (Override& o : overrides(info->unit_id)) {
    if (o.applies_to(run_id)) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace oitscan::store
