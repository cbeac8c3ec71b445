// The history store on PostgreSQL (`--db postgresql://…`): a throwaway cluster (tests/queue/
// pg_cluster.sh), one fresh database per case. The same calls must give the same answers as on
// SQLite (the oracle: every store test above runs there), the tables must read back through psql
// (an independent reader), and several processes opening one fresh database at once must agree on
// one schema.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "queue/pg_cluster.hpp"
#include "store/export_rows.hpp"
#include "store/history_store.hpp"
#include "store/postgres_db.hpp"
#include "store/results_builder.hpp"
#include "store/schema.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
using nlohmann::json;
using oitscan::test::evidence;
using oitscan::test::item;
using oitscan::test::PgCluster;
using oitscan::test::requirement;
using oitscan::test::run_command;
using oitscan::test::ScratchDir;
using oitscan::test::shell_quote;

namespace {

// A new, empty database on the test cluster; its URL.
std::string fresh_database() {
  static std::atomic<int> n{0};
  const std::string base = PgCluster::instance().url();  // postgresql:///oitscan?host=…
  const std::string name = "store_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
  PostgresDatabase admin(base);
  admin.exec(("CREATE DATABASE " + name).c_str());  // our own name, never input
  const auto slash = base.find("/oitscan?");
  REQUIRE(slash != std::string::npos);
  return base.substr(0, slash) + "/" + name + base.substr(slash + 8);
}

// psql's unaligned output of one query (an independent reader of the server's tables).
std::string psql(const std::string& url, const std::string& sql) {
  const auto r = run_command("psql -X -A -t -q " + shell_quote(url) + " -c " + shell_quote(sql));
  REQUIRE(r.exit_code == 0);
  return r.out;
}

FetchRecord fetch(std::int64_t run, const std::string& url, const std::string& sha, const std::string& outcome = "ok") {
  FetchRecord f;
  f.run_id = run;
  f.url = url;
  f.final_url = url;
  f.outcome = outcome;
  if (outcome == "ok") f.http_status = 200;
  if (!sha.empty()) f.sha256 = sha;
  f.fetched_at = "2026-11-21T01:00:01Z";
  f.warc_file = "warc/bangna-1.warc.gz";
  f.warc_offset = 4096;
  f.warc_record_id = "<urn:uuid:" + sha.substr(0, 8) + "-0000-4000-8000-000000000000>";
  f.warc_payload_digest = "sha1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH";
  return f;
}

// Thai, quotes, and text that looks like SQL parameters or placeholders: must come back verbatim.
const std::string kHostile = "ไม่พบ 'สรุปผล' \"?1\" $1 ?2 -- ; DROP TABLE runs; \\ %s";

std::string night(const std::string& o1, const std::string& reason, const std::string& sha, double oit) {
  return oitscan::test::results(
             "bangna",
             {item("O1", o1, {requirement("structure-chart", o1, reason, {evidence("https://e.go.th/s.pdf", sha)})}),
              item("O15", "fail",
                   {requirement("monthly-summary", "fail", "missing-months", {evidence("https://e.go.th/p", sha)}),
                    requirement("annual-plan", "pass", "ok")})},
             oit)
      .dump();
}

json fetch_json(const FetchRecord& f) {
  return {f.id, f.run_id.value_or(-1), f.url, f.final_url.value_or("-"), f.outcome, f.http_status.value_or(-1),
          f.sha256.value_or("-"), f.fetched_at, f.warc_file.value_or("-"), f.warc_offset.value_or(-1),
          f.warc_record_id.value_or("-"), f.warc_payload_digest.value_or("-")};
}

json run_json(const std::optional<RunInfo>& r) {
  if (!r) return nullptr;
  return {r->id, r->unit_id, r->unit_name_th, r->framework, r->rules_version, r->started_at, r->finished_at.value_or("-"),
          r->status, r->out_dir};
}

json summary_json(const RunSummary& s) {
  return {s.id, s.unit_id, s.unit_name_th, s.framework, s.started_at, s.finished_at, s.out_dir, s.oit.value_or(-1),
          s.oit_max.value_or(-1), s.pass, s.fail, s.unverified};
}

json changes_json(const Changes& c) {
  json items = json::array();
  for (const auto& i : c.items) {
    json appeared = json::array(), gone = json::array();
    for (const auto& r : i.reasons_appeared) appeared.push_back({r.requirement_id, r.reason});
    for (const auto& r : i.reasons_disappeared) gone.push_back({r.requirement_id, r.reason});
    items.push_back({i.item_id, i.verdict_before.value_or("-"), i.verdict_now.value_or("-"), appeared, gone});
  }
  json docs = json::array();
  for (const auto& d : c.documents) {
    docs.push_back({d.url, d.sha256_before.value_or("-"), d.sha256_now.value_or("-"), d.outcome_before.value_or("-"),
                    d.outcome_now.value_or("-"), d.appeared, d.disappeared});
  }
  return {c.current_run, c.previous_run.value_or(-1), items, docs};
}

json override_json(const Override& o) {
  // `at` is the clock's; the rest must agree.
  return {o.id, o.unit_id, o.item_id, o.requirement_id, o.verdict, o.machine_verdict, o.by, o.why, o.from_run,
          o.until_run.value_or(-1), o.withdrawn_by.value_or("-")};
}

// Every query of the store after the same nights of work, as one JSON value.
json scenario(HistoryStore& store) {
  json out;
  const Unit bangna{"bangna", "สำนักงานเขตบางนา", "https://e.go.th/"};
  const Unit klong{"klongtoei", "สำนักงานเขตคลองเตย", "https://k.go.th/"};
  const std::string sha_a(64, 'a'), sha_b(64, 'b');

  const auto r1 = store.begin_run(bangna, "bma-district-2568", "2568.1", "out/1", "2026-11-21T01:00:00Z");
  store.record_fetch(fetch(r1, "https://e.go.th/s.pdf", sha_a));
  store.finish_run(r1, night("pass", "ok", sha_a, 95.45), "n1.json", {fetch(r1, "https://e.go.th/p", sha_a)});
  const auto r2 = store.begin_run(bangna, "bma-district-2568", "2568.1", "out/2", "2026-11-22T01:00:00Z");
  store.record_fetches({fetch(r2, "https://e.go.th/s.pdf", sha_b), fetch(r2, "https://e.go.th/gone", "", "timeout")});
  store.finish_run(r2, night("fail", kHostile, sha_b, 1.0 / 3.0), "n2.json");
  const auto r3 = store.begin_run(klong, "bma-district-2568", "2568.1", "out/3", "2026-11-22T02:00:00Z");
  const auto r4 = store.begin_run(bangna, "bma-district-2568", "2568.1", "out/4", "2026-11-23T01:00:00Z");
  out["ids"] = {r1, r2, r3, r4};
  out["interrupted"] = store.mark_interrupted_runs({"klongtoei"});
  out["run3"] = run_json(store.run(r3));
  out["run4"] = run_json(store.run(r4));
  out["latest"] = run_json(store.latest_run("bangna"));
  out["previous"] = run_json(store.previous_run("bangna"));
  out["previous_before_r2"] = run_json(store.previous_run("bangna", r2));
  out["results_json_equal"] = store.results_json(r2) == night("fail", kHostile, sha_b, 1.0 / 3.0);
  out["latest_fetch"] = fetch_json(*store.latest_fetch("https://e.go.th/s.pdf"));
  out["latest_fetch_since"] = store.latest_fetch("https://e.go.th/s.pdf", "2027-01-01T00:00:00Z").has_value();
  json fetches = json::array();
  for (const auto& f : store.fetches_of_run(r2)) fetches.push_back(fetch_json(f));
  out["fetches_r2"] = fetches;
  out["changes"] = changes_json(store.changes("bangna"));
  out["changes_r2"] = changes_json(store.changes_for_run(r2));
  json summaries = json::array();
  for (const auto& s : store.run_summaries("bangna")) summaries.push_back(summary_json(s));
  out["summaries"] = summaries;
  out["summary_limit"] = store.run_summaries("bangna", 1).size();
  out["units"] = store.units();
  out["item_verdicts"] = store.item_verdicts({r1, r2});

  const Override o = store.record_override({"bangna", "O1", "", "pass", "auditor-a", kHostile});
  out["override"] = override_json(o);
  out["overrides_for_r2"] = store.overrides_for_run(r2).size();
  out["withdrawn"] = override_json(*store.withdraw_override("bangna", "O1", "", "auditor-b"));
  json overrides = json::array();
  for (const auto& x : store.overrides()) overrides.push_back(override_json(x));
  out["overrides"] = overrides;

  json exported = json::array();
  for (const auto& run : export_runs(store, {}, {})) {
    json rows = json::array();
    for (const auto& row : run.rows) rows.push_back(row.values);
    exported.push_back({run.run_id, run.unit_id, run.framework, run.checked_at, run.oit.value_or(-1), rows});
  }
  out["export"] = exported;

  json runs = json::array();
  for (const auto& r : store.runs_of_unit("bangna")) runs.push_back(run_json(r));
  out["runs_of_unit"] = runs;
  out["deleted_fetch_rows"] = store.delete_runs({r1}, {fetch(r1, "https://e.go.th/p", sha_a).warc_record_id.value()});
  store.compact();
  out["after_delete"] = store.run_summaries("bangna").size();
  out["kept_fetch"] = fetch_json(*store.latest_fetch("https://e.go.th/p"));
  return out;
}

}  // namespace

TEST_CASE("PostgreSQL store: every query answers as the SQLite store does", "[store][postgres]") {
  ScratchDir dir("pg-store");
  auto on_sqlite = HistoryStore::open(dir / "oracle.sqlite");
  auto on_postgres = HistoryStore::open(fresh_database());
  const json want = scenario(on_sqlite);
  const json got = scenario(on_postgres);
  for (const auto& [key, value] : want.items()) {
    INFO(key);
    CHECK(got.at(key) == value);
  }
  // Scores are doubles: the exact value survives the trip through text.
  CHECK(on_postgres.run_summary(2)->oit == 1.0 / 3.0);
}

TEST_CASE("PostgreSQL store: the tables read back through psql, hostile text verbatim", "[store][postgres]") {
  const std::string url = fresh_database();
  {
    auto store = HistoryStore::open(url);
    const auto run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "2568.1");
    store.finish_run(run, night("fail", kHostile, std::string(64, 'c'), 72.5));
  }
  CHECK(psql(url, "SELECT version FROM oitscan_store_schema") == std::to_string(kSchemaVersion) + "\n");
  CHECK(psql(url, "SELECT item_id || ':' || verdict FROM item_results ORDER BY item_id") == "O1:fail\nO15:fail\n");
  CHECK(psql(url, "SELECT reason FROM requirement_results WHERE requirement_id = 'structure-chart'") == kHostile + "\n");
  CHECK(psql(url, "SELECT oit FROM scores") == "72.5\n");
  CHECK(psql(url, "SELECT unit_name_th FROM runs") == "สำนักงานเขตบางนา\n");
  // The same constraints as on SQLite: an unknown verdict and an orphan row are refused.
  auto store = HistoryStore::open(url);
  CHECK_THROWS_AS(
      store.database().prepare("INSERT INTO item_results (run_id, item_id, verdict) VALUES (?1, 'O2', 'maybe')").bind(1, 1).run(),
      StoreError);
  CHECK_THROWS_AS(
      store.database().prepare("INSERT INTO item_results (run_id, item_id, verdict) VALUES (?1, 'O2', 'pass')").bind(1, 999).run(),
      StoreError);
}

TEST_CASE("PostgreSQL store: processes opening one fresh database at once agree on one schema", "[store][postgres]") {
  const std::string url = fresh_database();
  std::atomic<int> failures{0};
  std::vector<std::thread> openers;
  for (int i = 0; i < 6; ++i) {
    openers.emplace_back([&, i] {
      try {
        auto store = HistoryStore::open(url);
        const auto run = store.begin_run({"unit-" + std::to_string(i), "", ""}, "bma-district-2568", "2568.1");
        store.record_fetch(fetch(run, "https://e.go.th/" + std::to_string(i), std::string(64, 'd')));
      } catch (const std::exception& e) {
        UNSCOPED_INFO(e.what());
        ++failures;
      }
    });
  }
  for (auto& t : openers) t.join();
  CHECK(failures == 0);
  CHECK(psql(url, "SELECT count(*) FROM runs") == "6\n");
  CHECK(psql(url, "SELECT count(DISTINCT id) FROM fetches") == "6\n");
  CHECK(psql(url, "SELECT count(*) FROM oitscan_store_schema") == "1\n");
}

TEST_CASE("PostgreSQL store: a newer schema is refused, a bad URL names the server", "[store][postgres]") {
  const std::string url = fresh_database();
  { auto store = HistoryStore::open(url); }
  psql(url, "UPDATE oitscan_store_schema SET version = 99");
  try {
    HistoryStore::open(url);
    FAIL("a store of schema 99 was opened");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("schema version 99") != std::string::npos);
  }
  ScratchDir dir("pg-bad");
  const std::string nowhere = "postgresql:///oitscan?host=" + (dir / "no-socket").string() + "&password=s3cret";
  try {
    HistoryStore::open(nowhere);
    FAIL("opened a store on a server that is not there");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("no-socket") != std::string::npos);
    CHECK(std::string(e.what()).find("s3cret") == std::string::npos);
  }
}

TEST_CASE("postgres_parameters renumbers ?N outside quotes and refuses a bare ?", "[store][postgres]") {
  CHECK(postgres_parameters("SELECT a FROM t WHERE x = ?1 AND y = '?2' AND \"?3\" = ?12") ==
        "SELECT a FROM t WHERE x = $1 AND y = '?2' AND \"?3\" = $12");
  CHECK(postgres_parameters("SELECT 'it''s ?1', ?2") == "SELECT 'it''s ?1', $2");
  CHECK_THROWS_AS(postgres_parameters("SELECT ?"), StoreError);
  CHECK(postgres_ddl("id INTEGER PRIMARY KEY,\n  run_id INTEGER PRIMARY KEY REFERENCES runs (id),\n  oit REAL") ==
        "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n  run_id BIGINT PRIMARY KEY REFERENCES runs (id),\n  oit DOUBLE PRECISION");
}
