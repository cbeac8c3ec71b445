#include "store/history_store.hpp"

#include <ctime>

#include "common/input_error.hpp"
#include "common/time.hpp"
#include "store/run_results.hpp"
#include "store/schema.hpp"

namespace oitscan::store {

namespace {

constexpr const char* kRunColumns =
    "id, unit_id, unit_name_th, framework, rules_version, started_at, finished_at, status, out_dir";

RunInfo run_from(const Statement& st) {
  RunInfo r;
  r.id = st.integer(0);
  r.unit_id = st.text(1);
  r.unit_name_th = st.text(2);
  r.framework = st.text(3);
  r.rules_version = st.text(4);
  r.started_at = st.text(5);
  r.finished_at = st.optional_text(6);
  r.status = st.text(7);
  r.out_dir = st.text(8);
  return r;
}

constexpr const char* kFetchColumns =
    "id, run_id, url, final_url, outcome, http_status, sha256, etag, last_modified, fetched_at, warc_file, "
    "warc_offset, warc_record_id, warc_payload_digest";

FetchRecord fetch_from(const Statement& st) {
  FetchRecord f;
  f.id = st.integer(0);
  f.run_id = st.optional_integer(1);
  f.url = st.text(2);
  f.final_url = st.optional_text(3);
  f.outcome = st.text(4);
  if (auto s = st.optional_integer(5)) f.http_status = static_cast<int>(*s);
  f.sha256 = st.optional_text(6);
  f.etag = st.optional_text(7);
  f.last_modified = st.optional_text(8);
  f.fetched_at = st.text(9);
  f.warc_file = st.optional_text(10);
  f.warc_offset = st.optional_integer(11);
  f.warc_record_id = st.optional_text(12);
  f.warc_payload_digest = st.optional_text(13);
  return f;
}

constexpr const char* kInsertFetch =
    "INSERT INTO fetches (run_id, url, final_url, outcome, http_status, sha256, etag, last_modified, fetched_at, "
    "warc_file, warc_offset, warc_record_id, warc_payload_digest) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

// One row of the fetch log through a prepared kInsertFetch (reset here, so one statement serves a batch).
void insert_fetch(Statement& st, const FetchRecord& f) {
  if (f.url.empty()) throw InputError("", 0, "url", "fetch without URL");
  st.reset();
  st.bind(1, f.run_id).bind(2, f.url).bind(3, f.final_url).bind(4, f.outcome).bind(5, f.http_status);
  st.bind(6, f.sha256).bind(7, f.etag).bind(8, f.last_modified);
  st.bind(9, f.fetched_at.empty() ? iso8601_utc_now() : f.fetched_at);
  st.bind(10, f.warc_file).bind(11, f.warc_offset).bind(12, f.warc_record_id).bind(13, f.warc_payload_digest);
  st.run();
}

std::optional<RunInfo> first_run(Statement& st) {
  if (!st.step()) return std::nullopt;
  return run_from(st);
}

}  // namespace

HistoryStore HistoryStore::open(const std::string& where) { return open(open_database(where)); }

HistoryStore HistoryStore::open(std::unique_ptr<Database> db) {
  prepare_schema(*db);
  return HistoryStore(std::move(db));
}

std::int64_t HistoryStore::begin_run(const Unit& unit, const std::string& framework, const std::string& rules_version,
                                     const std::string& out_dir, const std::string& started_at) {
  const std::lock_guard lock(mutex_);
  if (!is_unit_id(unit.id)) throw InputError("", 0, "unit.id", "must match [a-z0-9-]+, not \"" + unit.id + "\"");
  Statement st = db_->prepare(
      "INSERT INTO runs (unit_id, unit_name_th, unit_website, framework, rules_version, started_at, status, out_dir) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'running', ?7)");
  st.bind(1, unit.id).bind(2, unit.name_th).bind(3, unit.website).bind(4, framework).bind(5, rules_version);
  st.bind(6, started_at.empty() ? iso8601_utc_now() : started_at).bind(7, out_dir);
  st.run();
  return db_->last_insert_id();
}

std::int64_t HistoryStore::record_fetch(const FetchRecord& f) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(kInsertFetch);
  insert_fetch(st, f);
  return db_->last_insert_id();
}

void HistoryStore::record_fetches(const std::vector<FetchRecord>& fetches) {
  if (fetches.empty()) return;
  const std::lock_guard lock(mutex_);
  Transaction tx(*db_);
  Statement st = db_->prepare(kInsertFetch);
  for (const FetchRecord& f : fetches) insert_fetch(st, f);
  tx.commit();
}

std::optional<FetchRecord> HistoryStore::latest_fetch(const std::string& url, const std::string& since) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kFetchColumns +
                              " FROM fetches WHERE url = ?1 AND fetched_at >= ?2 ORDER BY id DESC LIMIT 1");
  st.bind(1, url).bind(2, since);
  if (!st.step()) return std::nullopt;
  return fetch_from(st);
}

std::vector<FetchRecord> HistoryStore::fetches_of_run(std::int64_t run_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kFetchColumns + " FROM fetches WHERE run_id = ?1 ORDER BY id");
  st.bind(1, run_id);
  std::vector<FetchRecord> out;
  while (st.step()) out.push_back(fetch_from(st));
  return out;
}

void HistoryStore::finish_run(std::int64_t run_id, const std::string& results_json, const std::string& source,
                              const std::vector<FetchRecord>& fetches) {
  finish_run(run_id, parse_run_results(results_json, source), results_json, source, fetches);
}

void HistoryStore::finish_run(std::int64_t run_id, const RunResults& results, const std::string& results_json,
                              const std::string& source, const std::vector<FetchRecord>& fetches) {
  const std::lock_guard lock(mutex_);
  const std::optional<RunInfo> info = run(run_id);
  if (!info) throw InputError(source, 0, "", "no run " + std::to_string(run_id) + " in " + db_->where());
  if (results.unit_id != info->unit_id) {
    throw InputError(source, 0, "unit.id",
                     "is \"" + results.unit_id + "\" but run " + std::to_string(run_id) + " is of \"" + info->unit_id + "\"");
  }

  Transaction tx(*db_);
  if (!fetches.empty()) {
    Statement fetch_st = db_->prepare(kInsertFetch);
    for (const FetchRecord& f : fetches) insert_fetch(fetch_st, f);
  }
  // Finishing again replaces the earlier normalisation (cascades to requirements and evidence).
  db_->prepare("DELETE FROM item_results WHERE run_id = ?1").bind(1, run_id).run();
  db_->prepare("DELETE FROM scores WHERE run_id = ?1").bind(1, run_id).run();

  Statement run_st = db_->prepare(
      "UPDATE runs SET status = 'done', finished_at = ?2, results_json = ?3, unit_name_th = ?4, unit_website = ?5, "
      "framework = ?6, rules_version = ?7 WHERE id = ?1");
  run_st.bind(1, run_id).bind(2, results.finished_at.empty() ? iso8601_utc_now() : results.finished_at).bind(3, results_json);
  run_st.bind(4, results.unit_name_th).bind(5, results.unit_website).bind(6, results.framework).bind(7, results.rules_version);
  run_st.run();

  Statement item_st = db_->prepare(
      "INSERT INTO item_results (run_id, item_id, verdict, oit_contribution) VALUES (?1, ?2, ?3, ?4)");
  Statement req_st = db_->prepare(
      "INSERT INTO requirement_results (run_id, item_id, requirement_id, verdict, reason, message_th, message_en, "
      "evidence_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  Statement ev_st = db_->prepare(
      "INSERT INTO evidence (run_id, item_id, requirement_id, seq, url, final_url, http_status, fetched_at, sha256, "
      "warc_record_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const ItemResult& item : results.items) {
    item_st.reset();
    item_st.bind(1, run_id).bind(2, item.id).bind(3, item.verdict).bind(4, item.oit_contribution);
    item_st.run();
    for (const RequirementResult& req : item.requirements) {
      req_st.reset();
      req_st.bind(1, run_id).bind(2, item.id).bind(3, req.id).bind(4, req.verdict).bind(5, req.reason);
      req_st.bind(6, req.message_th).bind(7, req.message_en).bind(8, req.evidence_json);
      req_st.run();
      std::int64_t seq = 0;
      for (const EvidenceEntry& e : req.evidence) {
        ev_st.reset();
        ev_st.bind(1, run_id).bind(2, item.id).bind(3, req.id).bind(4, seq++).bind(5, e.url).bind(6, e.final_url);
        ev_st.bind(7, e.http_status).bind(8, e.fetched_at).bind(9, e.sha256).bind(10, e.warc_record_id);
        ev_st.run();
      }
    }
  }
  if (results.score) {
    Statement sc = db_->prepare(
        "INSERT INTO scores (run_id, framework, oit, oit_min, oit_max, indicators_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    sc.bind(1, run_id).bind(2, results.score->framework).bind(3, results.score->oit).bind(4, results.score->oit_min);
    sc.bind(5, results.score->oit_max).bind(6, results.score->indicators_json);
    sc.run();
  }
  tx.commit();
}

int HistoryStore::mark_interrupted_runs(const std::vector<std::string>& unit_ids) {
  const std::lock_guard lock(mutex_);
  if (unit_ids.empty()) {
    db_->prepare("UPDATE runs SET status = 'interrupted' WHERE status = 'running'").run();
    return static_cast<int>(db_->changes());
  }
  Transaction tx(*db_);
  Statement st = db_->prepare("UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND unit_id = ?1");
  std::int64_t marked = 0;
  for (const std::string& unit : unit_ids) {
    st.reset();
    st.bind(1, unit).run();
    marked += db_->changes();
  }
  tx.commit();
  return static_cast<int>(marked);
}

std::vector<RunInfo> HistoryStore::runs_of_unit(const std::string& unit_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE unit_id = ?1 ORDER BY id DESC");
  st.bind(1, unit_id);
  std::vector<RunInfo> out;
  while (st.step()) out.push_back(run_from(st));
  return out;
}

std::optional<RunInfo> HistoryStore::run(std::int64_t run_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1");
  st.bind(1, run_id);
  return first_run(st);
}

std::optional<RunInfo> HistoryStore::latest_run(const std::string& unit_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kRunColumns +
                              " FROM runs WHERE unit_id = ?1 ORDER BY id DESC LIMIT 1");
  st.bind(1, unit_id);
  return first_run(st);
}

std::optional<RunInfo> HistoryStore::previous_run(const std::string& unit_id, std::int64_t before_run) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string("SELECT ") + kRunColumns +
                              " FROM runs WHERE unit_id = ?1 AND status = 'done' AND (?2 = 0 OR id < ?2) "
                              "ORDER BY id DESC LIMIT 1");
  st.bind(1, unit_id).bind(2, before_run);
  return first_run(st);
}

std::optional<std::string> HistoryStore::results_json(std::int64_t run_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare("SELECT results_json FROM runs WHERE id = ?1");
  st.bind(1, run_id);
  if (!st.step()) return std::nullopt;
  return st.optional_text(0);
}

}  // namespace oitscan::store
