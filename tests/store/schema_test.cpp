// The database file a scan creates, as the sqlite3 shell (an independent reader) sees it.
#include <catch2/catch.hpp>

#include "store/history_store.hpp"
#include "store/schema.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
using oitscan::test::run_command;
using oitscan::test::ScratchDir;
using oitscan::test::shell_quote;

namespace {
std::string sqlite3_cli(const std::filesystem::path& db, const std::string& sql) {
  const auto r = run_command("sqlite3 " + shell_quote(db.string()) + " " + shell_quote(sql));
  REQUIRE(r.exit_code == 0);
  return r.out;
}
}  // namespace

TEST_CASE("a new history database has the versioned schema, WAL and foreign keys", "[store][schema]") {
  ScratchDir dir("store");
  const auto path = dir / "history.sqlite";
  { auto store = HistoryStore::open(path); }
  CHECK(sqlite3_cli(path, "PRAGMA user_version") == std::to_string(kSchemaVersion) + "\n");
  CHECK(sqlite3_cli(path, "PRAGMA journal_mode") == "wal\n");
  CHECK(sqlite3_cli(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") ==
        "evidence\nfetches\nitem_results\noverrides\nrequirement_results\nruns\nscores\n");

  auto store = HistoryStore::open(path);  // reopening changes nothing
  CHECK(schema_version(store.database()) == kSchemaVersion);
  // Foreign keys are enforced on our connection: no item result for a run that does not exist.
  auto orphan = store.database().prepare("INSERT INTO item_results (run_id, item_id, verdict) VALUES (?1, 'O1', 'pass')");
  orphan.bind(1, std::int64_t{4242});
  CHECK_THROWS_AS(orphan.run(), StoreError);
  // CHECK constraints hold the vocabulary.
  const auto run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "r1");
  auto bad = store.database().prepare("INSERT INTO item_results (run_id, item_id, verdict) VALUES (?1, 'O1', 'maybe')");
  bad.bind(1, run);
  CHECK_THROWS_AS(bad.run(), StoreError);
}

TEST_CASE("a database from a newer oitscan is refused, not guessed at", "[store][schema]") {
  ScratchDir dir("store");
  const auto path = dir / "history.sqlite";
  { auto store = HistoryStore::open(path); }
  sqlite3_cli(path, "PRAGMA user_version = 99");
  try {
    HistoryStore::open(path);
    FAIL("opened a version 99 database");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("schema version 99, newer than this oitscan understands (1)") != std::string::npos);
  }
}

TEST_CASE("a file that is not a database is reported with its path", "[store][schema]") {
  ScratchDir dir("store");
  oitscan::test::write_file(dir / "notes.txt", std::string(4096, 'x'));
  try {
    HistoryStore::open(dir / "notes.txt");
    FAIL("opened a text file as a database");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("notes.txt") != std::string::npos);
  }
}
