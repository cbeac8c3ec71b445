// The queue protocol against a real PostgreSQL 15 (a throwaway cluster on a Unix socket): claims
// never collide, the express lane goes first, leases expire and are rescued, every write is fenced
// by (job, attempt), failures back off and end in `failed`, a handed-back job is ready at once.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "queue/job_queue.hpp"
#include "queue/queue_schema.hpp"
#include "queue/pg_connection.hpp"
#include "queue/pg_cluster.hpp"

using namespace oitscan::queue;
using namespace std::chrono_literals;
using oitscan::test::PgCluster;

namespace {

const std::vector<std::string> kBoth = {kExpressLane, kNightlyLane};

// A fresh run name per test: every test works on its own jobs in the shared cluster.
std::string run_name(const std::string& tag) {
  static std::atomic<int> n{0};
  return tag + "-" + std::to_string(++n) + "-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

PgConnection connect() {
  PgConnection db(PgCluster::instance().url());
  prepare_queue_schema(db);
  return db;
}

std::vector<NewJob> units(int n, const std::string& lane = kNightlyLane) {
  std::vector<NewJob> jobs;
  for (int i = 0; i < n; ++i) jobs.push_back({"unit-" + std::to_string(i), R"({"unit_id": "unit-)" + std::to_string(i) + "\"}", lane});
  return jobs;
}

// Finishes whatever is claimable now, so a test starts from an empty queue (the cluster is shared
// by every test of the process). Jobs waiting out a backoff stay; tests count by their own run.
void drain(JobQueue& q, const std::string& worker) {
  while (auto j = q.claim(worker, kBoth, 60s)) q.finish(*j, "{}");
}

}  // namespace

TEST_CASE("the schema is created once, even by many workers starting together", "[queue][schema]") {
  std::vector<std::thread> starters;
  std::atomic<int> errors{0};
  for (int i = 0; i < 4; ++i) {
    starters.emplace_back([&] {
      try {
        PgConnection db(PgCluster::instance().url());
        prepare_queue_schema(db);
      } catch (const std::exception&) {
        ++errors;
      }
    });
  }
  for (auto& t : starters) t.join();
  CHECK(errors == 0);
  auto db = connect();
  CHECK(db.exec("SELECT count(*) FROM oitscan_schema").integer(0, 0) == 1);
  CHECK(db.exec("SELECT version FROM oitscan_schema").integer(0, 0) == kQueueSchemaVersion);
}

TEST_CASE("concurrent claims take every job exactly once; express goes first", "[queue][claim]") {
  auto db = connect();
  JobQueue q(db);
  drain(q, "cleaner");  // earlier tests' leftovers, if any
  const std::string run = q.enqueue(run_name("claims"), units(30));
  const std::string express = q.enqueue(run_name("self-check"), {{"bangna", R"({"unit_id": "bangna"})", kExpressLane}});

  {  // A worker with both lanes gets the self-check before any nightly job, though it came later.
    auto first = q.claim("w0", kBoth, 60s);
    REQUIRE(first);
    CHECK(first->lane == kExpressLane);
    CHECK(first->run == express);
    CHECK(q.finish(*first, "{}"));
  }
  std::mutex m;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> workers;
  for (int w = 0; w < 6; ++w) {
    workers.emplace_back([&, w] {
      PgConnection own(PgCluster::instance().url());
      JobQueue mine(own);
      while (auto j = mine.claim("w" + std::to_string(w), {kNightlyLane}, 60s)) {
        if (j->run == run) {
          std::lock_guard<std::mutex> lock(m);
          claimed.insert(j->id);
        }
        CHECK(mine.finish(*j, R"({"unit": ")" + j->unit_id + "\"}"));
      }
    });
  }
  for (auto& t : workers) t.join();
  CHECK(claimed.size() == 30);
  CHECK(std::set<std::int64_t>(claimed.begin(), claimed.end()).size() == 30);  // no job twice
  const auto s = q.status(run);
  CHECK(s.count("done") == 30);
  CHECK(s.count("ready") + s.count("running") == 0);
  CHECK(q.idle(kBoth, run));
}

TEST_CASE("an expired lease is rescued as the next attempt, and the old attempt is fenced out", "[queue][lease]") {
  auto db = connect();
  JobQueue q(db);
  drain(q, "cleaner");
  const std::string run = q.enqueue(run_name("lease"), units(1));
  auto first = q.claim("frozen", kBoth, 1s);
  REQUIRE(first);
  CHECK(first->attempt == 1);
  CHECK(q.heartbeat(*first, 1s));
  CHECK(q.commit_item(*first, "O1", "pass", R"({"id": "O1", "verdict": "pass"})"));

  std::this_thread::sleep_for(2200ms);  // the worker is frozen past its lease
  CHECK_FALSE(q.heartbeat(*first, 1s));  // it learns it has lost the job
  auto second = q.claim("rescuer", kBoth, 60s);
  REQUIRE(second);
  CHECK(second->id == first->id);
  CHECK(second->attempt == 2);
  CHECK(second->rescued);

  // The frozen worker wakes up and tries to write: nothing lands.
  CHECK_FALSE(q.commit_item(*first, "O2", "fail", R"({"id": "O2", "verdict": "fail"})"));
  CHECK_FALSE(q.finish(*first, R"({"by": "frozen"})"));
  CHECK_FALSE(q.fail(*first, "late"));
  // The rescuer does not redo O1: it keeps attempt 1's result, and adds O2 as attempt 2.
  auto items = q.committed_items(second->id);
  REQUIRE(items.count("O1") == 1);
  CHECK(items["O1"].attempt == 1);
  CHECK(q.commit_item(*second, "O1", "fail", R"({"id": "O1", "verdict": "fail"})"));  // already there: kept
  CHECK(q.commit_item(*second, "O2", "pass", R"({"id": "O2", "verdict": "pass"})"));
  items = q.committed_items(second->id);
  CHECK(items["O1"].attempt == 1);
  CHECK(items["O1"].verdict == "pass");
  CHECK(items["O2"].attempt == 2);
  CHECK(q.finish(*second, R"({"by": "rescuer"})"));
  const auto s = q.status(run);
  CHECK(s.count("done") == 1);
  CHECK(s.rescued == 1);
  CHECK(db.exec("SELECT results->>'by' FROM jobs WHERE id = $1::bigint", {std::to_string(second->id)}).text(0, 0) == "rescuer");
  CHECK(db.exec("SELECT outcome FROM job_attempts WHERE job_id = $1::bigint ORDER BY attempt", {std::to_string(second->id)}).text(0, 0) ==
        "rescued");
}

TEST_CASE("failures back off, then the job is failed and visible", "[queue][retry]") {
  auto db = connect();
  JobQueue q(db);
  drain(q, "cleaner");
  const std::string run = q.enqueue(run_name("retry"), units(1), /*max_failures=*/2);
  auto a1 = q.claim("w", kBoth, 60s);
  REQUIRE(a1);
  CHECK(q.fail(*a1, "rule set could not be loaded", 0s));  // retried at once (backoff 0)
  auto a2 = q.claim("w", kBoth, 60s);
  REQUIRE(a2);
  CHECK(a2->attempt == 2);
  CHECK(q.fail(*a2, "rule set could not be loaded", 0s));
  CHECK_FALSE(q.claim("w", kBoth, 60s));  // failed for good
  const auto s = q.status(run);
  CHECK(s.count("failed") == 1);
  REQUIRE(s.failures.size() == 1);
  CHECK(s.failures[0].error == "rule set could not be loaded");

  // With a real backoff the job waits before it is offered again.
  const std::string later = q.enqueue(run_name("backoff"), units(1));
  auto b1 = q.claim("w", kBoth, 60s);
  REQUIRE(b1);
  CHECK(q.fail(*b1, "transient", 30s));
  CHECK_FALSE(q.claim("w", kBoth, 60s));
  CHECK(q.status(later).count("ready") == 1);
  CHECK(q.status(later).oldest_ready_seconds.has_value());
}

TEST_CASE("a handed-back job is ready at once and costs no failure; a job whose workers keep vanishing fails",
          "[queue][handback]") {
  auto db = connect();
  JobQueue q(db);
  drain(q, "cleaner");
  const std::string run = q.enqueue(run_name("handback"), units(1), /*max_failures=*/2);
  auto a1 = q.claim("stopping", kBoth, 60s);
  REQUIRE(a1);
  CHECK(q.hand_back(*a1));
  auto a2 = q.claim("next", kBoth, 1s);
  REQUIRE(a2);
  CHECK(a2->attempt == 2);
  CHECK_FALSE(a2->rescued);
  CHECK(db.exec("SELECT failures FROM jobs WHERE id = $1::bigint", {std::to_string(a2->id)}).integer(0, 0) == 0);

  std::this_thread::sleep_for(1200ms);  // a2's worker vanished
  auto a3 = q.claim("third", kBoth, 1s);  // rescue 1 of 2 allowed
  REQUIRE(a3);
  CHECK(a3->rescued);
  std::this_thread::sleep_for(1200ms);  // and so did a3's
  CHECK_FALSE(q.claim("fourth", kBoth, 60s));  // the second rescue spends the last failure
  const auto s = q.status(run);
  CHECK(s.count("failed") == 1);
  REQUIRE(s.failures.size() == 1);
  CHECK(s.failures[0].error.find("stopped answering") != std::string::npos);
}

TEST_CASE("bad SQL and bad URLs are errors that say where, never a hang", "[queue][errors]") {
  CHECK_THROWS_AS(PgConnection("postgresql:///nosuchdb?host=/nonexistent-socket-dir&connect_timeout=2"), PgError);
  auto db = connect();
  try {
    db.exec("SELECT * FROM no_such_table");
    FAIL("no error");
  } catch (const PgError& e) {
    CHECK(e.sqlstate() == "42P01");
    CHECK_FALSE(e.connection_lost());
  }
  CHECK(is_postgres_url("postgresql://host/db"));
  CHECK(is_postgres_url("postgres:///db?host=/run"));
  CHECK_FALSE(is_postgres_url("history.sqlite"));
}

TEST_CASE("a document two attempts died reading is reported, one read to its end is not", "[queue][poison]") {
  auto db = connect();
  JobQueue q(db);
  drain(q, "cleaner");
  q.enqueue(run_name("poison"), units(1), /*max_failures=*/2);  // two explained rescues must not spend them
  const std::string hostile(64, 'a'), fine(64, 'b');

  auto first = q.claim("reader-1", kBoth, 1s);
  REQUIRE(first);
  CHECK(q.crashed_readings(*first).empty());
  CHECK(q.begin_reading(*first, fine, "http://x.test/fine.pdf"));
  CHECK(q.end_reading(*first, fine));  // read to its end: never held against the document
  CHECK(q.begin_reading(*first, hostile, "http://x.test/hostile.pdf"));
  // ... and the process dies here: the mark stays open, the lease runs out.
  std::this_thread::sleep_for(2200ms);

  auto second = q.claim("reader-2", kBoth, 1s);
  REQUIRE(second);
  CHECK(second->attempt == 2);
  CHECK(q.crashed_readings(*second).empty());  // one crash may be bad luck: read it again
  CHECK_FALSE(q.end_reading(*first, hostile));  // the dead attempt is fenced out, its mark stays
  CHECK(q.begin_reading(*second, fine, "http://x.test/fine.pdf"));  // fine is read, not closed: a crash in it
  CHECK(q.begin_reading(*second, hostile, "http://x.test/hostile.pdf"));
  std::this_thread::sleep_for(2200ms);

  auto third = q.claim("reader-3", kBoth, 60s);
  REQUIRE(third);
  CHECK(third->attempt == 3);
  // Left open by attempts 1 and 2: hostile only (fine was left open by attempt 2 alone).
  CHECK(q.crashed_readings(*third) == std::set<std::string>{hostile});
  CHECK(q.crashed_readings(*third, 1) == std::set<std::string>{fine, hostile});
  // Both rescues were explained by a reading left open: rescued twice, no failure spent.
  const auto counts = db.exec("SELECT rescued, failures FROM jobs WHERE id = $1::bigint", {std::to_string(third->id)});
  CHECK(counts.integer(0, 0) == 2);
  CHECK(counts.integer(0, 1) == 0);
  CHECK(q.finish(*third, "{}"));
}

TEST_CASE("an item's WARC references are stored with it, fenced, and an earlier attempt's stand", "[queue][warc]") {
  auto db = connect();
  JobQueue q(db);
  drain(q, "cleaner");
  q.enqueue(run_name("warc"), units(1));
  auto first = q.claim("archiver-1", kBoth, 1s);
  REQUIRE(first);
  const WarcRef a{"<urn:uuid:a>", "/out/attempt-1/O1/evidence.warc.gz", 1234, "sha1:AAAA"};
  CHECK(q.commit_item(*first, "O1", "pass", R"({"id": "O1"})", {a}));
  std::this_thread::sleep_for(2200ms);
  auto second = q.claim("archiver-2", kBoth, 60s);
  REQUIRE(second);
  const WarcRef b{"<urn:uuid:b>", "/out/attempt-2/O1/evidence.warc.gz", 99, "sha1:BBBB"};
  CHECK_FALSE(q.commit_item(*first, "O2", "pass", R"({"id": "O2"})", {b}));  // fenced: nothing lands
  CHECK(q.commit_item(*second, "O1", "fail", R"({"id": "O1"})", {b}));       // O1 stands, with its own reference
  CHECK(q.commit_item(*second, "O2", "pass", R"({"id": "O2"})", {b}));
  const std::string id = std::to_string(second->id);
  const auto r = db.exec("SELECT item_id, attempt, record_id, warc_file, record_offset, block_digest FROM job_warc_refs "
                         "WHERE job_id = $1::bigint ORDER BY item_id", {id});
  REQUIRE(r.rows() == 2);
  CHECK(r.text(0, 0) == "O1");
  CHECK(r.integer(0, 1) == 1);
  CHECK(r.text(0, 2) == a.record_id);
  CHECK(r.text(0, 3) == a.file);
  CHECK(r.integer(0, 4) == 1234);
  CHECK(r.text(0, 5) == a.block_digest);
  CHECK(r.text(1, 0) == "O2");
  CHECK(r.integer(1, 1) == 2);
  CHECK(r.text(1, 2) == b.record_id);
  CHECK(q.finish(*second, "{}"));
}
