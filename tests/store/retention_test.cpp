// `oitscan prune`'s policy over real WARC files and a real history: old runs, their dated folders
// and WARCs go, except a WARC holding the response a kept revisit record refers to, which stays
// readable by the archive lookup (--offline) through the revisit.
#include <catch2/catch.hpp>

#include "archive/archive_lookup.hpp"
#include "archive/warc_writer.hpp"
#include "scan/retention.hpp"
#include "scan/run_outputs.hpp"
#include "store/history_store.hpp"
#include "store/results_builder.hpp"
#include "support/test_support.hpp"

using namespace oitscan;
using oitscan::test::item;
using oitscan::test::requirement;
using oitscan::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::string kPlan = "https://www.example.go.th/bangna/plan.pdf";
const std::string kNews = "https://www.example.go.th/bangna/news.html";

archive::HttpExchange exchange(const std::string& url, int status, const std::string& body, const std::string& at) {
  archive::HttpExchange ex;
  ex.target_uri = url;
  ex.fetched_at = at;
  ex.request_head = "GET / HTTP/1.1\r\nHost: www.example.go.th\r\n\r\n";
  ex.status = status;
  ex.response_head = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Not Modified") + "\r\n\r\n";
  ex.body = body;
  return ex;
}

struct Night {
  std::int64_t run = 0;
  fs::path warc;  // in its dated run folder
};

// A finished run with its dated folder (as scan leaves it) and a WARC written by `write`.
template <typename Write>
Night night(store::HistoryStore& store, const fs::path& out, const std::string& started_at, Write write) {
  Night n;
  n.run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "r", out.string(), started_at);
  auto doc = test::results("bangna", {item("O1", "pass", {requirement("plan", "pass", "ok")})});
  doc["started_at"] = started_at;
  store.finish_run(n.run, doc.dump());
  const fs::path folder = scan::run_folder(out, n.run, started_at);
  fs::create_directories(folder);
  n.warc = folder / "evidence.warc.gz";
  archive::WarcWriter writer(n.warc);
  write(writer, n.run);
  writer.sync();
  return n;
}

}  // namespace

TEST_CASE("prune: old runs and WARCs go, a capture a kept revisit refers to stays readable", "[store][retention]") {
  ScratchDir dir("retention");
  const fs::path out = dir / "out" / "bangna";
  fs::create_directories(out / "archive");
  auto store = store::HistoryStore::open(dir / "h.sqlite");

  std::string plan_record;
  archive::PriorCapture prior;
  // Night 1: the plan and the news page, in full.
  const Night n1 = night(store, out, "2026-11-19T01:00:00Z", [&](archive::WarcWriter& w, std::int64_t run) {
    const auto refs = w.write_exchange(exchange(kPlan, 200, "แผนปฏิบัติการ ๒๕๖๘", "2026-11-19T01:00:05Z"));
    plan_record = refs.response.record_id;
    prior = {refs.response.record_id, kPlan, "2026-11-19T01:00:05Z", refs.response.payload_sha1, refs.response.payload_sha256};
    w.write_exchange(exchange(kNews, 200, "ข่าว ๑", "2026-11-19T01:00:06Z"));
    store::FetchRecord f;
    f.run_id = run;
    f.url = kPlan;
    f.outcome = "ok";
    f.fetched_at = "2026-11-19T01:00:05Z";
    f.warc_record_id = plan_record;
    store.record_fetch(f);
  });
  // Night 2: only the news page changed; the plan was not fetched.
  const Night n2 = night(store, out, "2026-11-20T01:00:00Z", [&](archive::WarcWriter& w, std::int64_t) {
    w.write_exchange(exchange(kNews, 200, "ข่าว ๒", "2026-11-20T01:00:06Z"));
  });
  // Night 3 (the latest): the plan answered 304, archived as a revisit of night 1's response.
  const Night n3 = night(store, out, "2026-11-21T01:00:00Z", [&](archive::WarcWriter& w, std::int64_t) {
    w.write_not_modified(exchange(kPlan, 304, "", "2026-11-21T01:00:05Z"), prior);
  });
  // As scan leaves them: earlier WARCs also in archive/ (same files), the latest at the usual place.
  fs::create_hard_link(n1.warc, out / "archive" / "evidence-20261119T012000Z.warc.gz");
  fs::create_hard_link(n2.warc, out / "archive" / "evidence-20261120T012000Z.warc.gz");
  fs::create_hard_link(n3.warc, out / "evidence.warc.gz");

  const auto r = scan::prune(store, {1, 0, 0});
  CHECK(r.runs_removed == 2);
  CHECK(r.run_folders_removed == 2);
  CHECK(r.warcs_kept_for_revisits >= 1);
  CHECK_FALSE(fs::exists(n1.warc.parent_path()));
  CHECK_FALSE(fs::exists(n2.warc.parent_path()));
  CHECK(fs::exists(n3.warc));
  CHECK(fs::exists(out / "archive" / "evidence-20261119T012000Z.warc.gz"));       // the revisit needs it
  CHECK_FALSE(fs::exists(out / "archive" / "evidence-20261120T012000Z.warc.gz")); // nothing needs it
  CHECK(store.runs_of_unit("bangna").size() == 1);
  CHECK(r.bytes_freed > 0);

  // The capture is still found through the revisit, bytes and all, as --offline looks for it.
  const auto found = archive::latest_response({out / "archive" / "evidence-20261119T012000Z.warc.gz", out / "evidence.warc.gz"}, kPlan);
  REQUIRE(found.has_value());
  CHECK(found->body == "แผนปฏิบัติการ ๒๕๖๘");
  CHECK(found->record_id == plan_record);
  CHECK_FALSE(found->revisit_record_id.empty());
  // The fetch log row pointing at that record is kept (conditional GET can still revisit it).
  const auto f = store.latest_fetch(kPlan);
  REQUIRE(f.has_value());
  CHECK(f->warc_record_id == plan_record);
}

TEST_CASE("prune: by age, the newest finished run always stays", "[store][retention]") {
  ScratchDir dir("retention");
  const fs::path out = dir / "out" / "bangna";
  auto store = store::HistoryStore::open(dir / "h.sqlite");
  auto write_news = [](archive::WarcWriter& w, std::int64_t) {
    w.write_exchange(exchange(kNews, 200, "ข่าว", "2026-01-01T01:00:00Z"));
  };
  night(store, out, "2025-01-01T01:00:00Z", write_news);
  night(store, out, "2025-06-01T01:00:00Z", write_news);
  const Night last = night(store, out, "2025-07-01T01:00:00Z", write_news);
  // 2026-11-21: every run is older than 30 days, yet the newest stays.
  const auto r = scan::prune(store, {0, 30, 1795222800});
  CHECK(r.runs_removed == 2);
  const auto runs = store.runs_of_unit("bangna");
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].id == last.run);
  CHECK(fs::exists(last.warc));
  // A second prune has nothing left to do.
  CHECK(scan::prune(store, {0, 30, 1795222800}).runs_removed == 0);
}
