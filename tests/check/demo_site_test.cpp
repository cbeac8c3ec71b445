// Acceptance over real HTTP: the rule fixtures served by nginx on 127.0.0.1 as the demo district
// site. The whole demo submission passes every item; every planted defect (each failing fixture
// case) makes its item fail with the expected reason; network-class faults (timeout, DNS,
// connection, 429) are real faults here, and give `unverified`.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <set>

#include "archive/warc_reader.hpp"
#include "check/pipeline.hpp"
#include "check/results_json.hpp"
#include "demo_site.hpp"
#include "gather/evidence_archive.hpp"
#include "gather/http_source.hpp"
#include "gather/offline_source.hpp"
#include "ruletools/fixtures.hpp"
#include "score/framework_loader.hpp"

namespace fs = std::filesystem;
using namespace oitscan;
using oitscan::test::DemoSite;

namespace {

DemoSite& site() {
  static DemoSite s;
  return s;
}

}  // namespace

TEST_CASE("the demo site: every item of the demo submission passes over HTTP", "[demo][http]") {
  DemoSite& s = site();
  check::Submission sub;
  sub.unit_id = "bangna-demo";
  sub.name_th = "สำนักงานเขตบางนา (ตัวอย่าง)";
  sub.website = s.website();
  sub.framework = s.rules->framework;
  for (const auto& c : s.cases) {
    if (c.name == "pass") sub.items[c.item].push_back(s.url_for(c, "index.html"));
  }
  gather::HttpSource source(s.fetch_options());
  const auto run = check::run_check(sub, source, *s.rules, s.framework, {});
  for (const auto& item : run->items) {
    INFO(item.item);
    for (const auto& r : item.requirements) {
      INFO(r.id << ": " << r.message.en << " (" << r.reason << ")");
      CHECK(r.verdict == evaluate::Verdict::Pass);
    }
    CHECK(item.verdict == evaluate::Verdict::Pass);
  }
  CHECK(run->items.size() == 22);
  CHECK(check::results_to_json(*run, s.framework)["score"]["oit"].get<double>() == 100.0);
}

TEST_CASE("the demo site: every planted defect fails its item with the expected reason", "[demo][http]") {
  DemoSite& s = site();
  gather::HttpSource source(s.fetch_options());
  int defects = 0, network = 0;
  for (const auto& c : s.cases) {
    if (c.name == "pass") continue;
    check::Submission sub;
    sub.unit_id = "bangna-demo";
    sub.website = s.website();
    sub.framework = s.rules->framework;
    for (const auto& p : c.submitted) sub.items[c.item].push_back(s.url_for(c, p));
    const auto run = check::run_check(sub, source, *s.rules, s.framework, {});
    const auto& item = *std::find_if(run->items.begin(), run->items.end(), [&](const auto& i) { return i.item == c.item; });
    bool any_unverified = false;
    for (const auto& [req_id, expected] : c.expect) {
      const auto& r = *std::find_if(item.requirements.begin(), item.requirements.end(), [&](const auto& x) { return x.id == req_id; });
      INFO(c.item << "/" << c.name << " " << req_id << ": " << r.message.en << " (" << r.reason << ")");
      CHECK(r.verdict == expected.verdict);
      if (!expected.reason.empty()) CHECK(r.reason == expected.reason);
      any_unverified = any_unverified || expected.verdict == evaluate::Verdict::Unverified;
    }
    INFO(c.item << "/" << c.name);
    if (c.item_verdict == "pass") continue;  // another way to pass (e.g. a scanned document OCR reads)
    CHECK(item.verdict != evaluate::Verdict::Pass);
    ++defects;
    network += any_unverified ? 1 : 0;
  }
  INFO("planted defects: " << defects << ", network-class: " << network);
  CHECK(defects >= 40);
  CHECK(network >= 3);
}

TEST_CASE("the demo site: evidence archived online is re-judged offline to the same verdicts", "[demo][http][offline]") {
  DemoSite& s = site();
  check::Submission sub;
  sub.unit_id = "bangna-demo";
  sub.website = s.website();
  sub.framework = s.rules->framework;
  for (const auto& c : s.cases) {
    if (c.name == "pass" || c.name == "missing-month") sub.items[c.item].push_back(s.url_for(c, "index.html"));
  }
  const fs::path warc = s.work / "evidence.warc.gz";
  std::unique_ptr<check::CheckRun> online;
  {
    gather::EvidenceArchive archive(warc, "oitscan-test");
    gather::HttpSource network(s.fetch_options());
    gather::ArchivingSource source(network, archive);
    online = check::run_check(sub, source, *s.rules, s.framework, {});
    archive.record_conversions(online->records);
    archive.record_verdicts(sub.unit_id, online->rules_version, check::judged_items(*online));
  }
  // Every response the verdicts cite is in the archive, under the id results.json names.
  std::set<std::string> ids;
  archive::WarcReader reader(warc);
  while (auto rec = reader.next()) {
    ids.insert(rec->record_id());
    if (rec->type() == "response") CHECK(archive::verify_digests(*rec).ok());
  }
  std::size_t cited = 0;
  for (const auto& item : online->items) {
    for (const auto& r : item.requirements) {
      for (const auto& e : r.evidence) {
        if (e.doc->fetched->http_status <= 0) continue;
        INFO(e.doc->url);
        CHECK(ids.count(e.doc->fetched->warc_record_id) == 1);
        ++cited;
      }
    }
  }
  CHECK(cited > 20);
  // Offline: no request, same verdicts.
  gather::OfflineSource offline_source({warc});
  const auto offline = check::run_check(sub, offline_source, *s.rules, s.framework, {});
  REQUIRE(offline->items.size() == online->items.size());
  for (std::size_t i = 0; i < online->items.size(); ++i) {
    INFO(online->items[i].item);
    CHECK(offline->items[i].verdict == online->items[i].verdict);
    for (std::size_t k = 0; k < online->items[i].requirements.size(); ++k) {
      CHECK(offline->items[i].requirements[k].reason == online->items[i].requirements[k].reason);
    }
  }
  // A URL never captured is unverified offline, not failed.
  check::Submission other = sub;
  other.items = {{"O15", {s.host_url("www.bangna-demo.test") + "/demo/O15/never-captured.html"}}};
  const auto unseen = check::run_check(other, offline_source, *s.rules, s.framework, {});
  for (const auto& item : unseen->items) {
    if (item.item == "O15") CHECK(item.verdict == evaluate::Verdict::Unverified);
  }
}

TEST_CASE("oitscan extract URL fetches through the engine, then reads", "[demo][http][cli]") {
  DemoSite& s = site();
  const std::string resolve = " --allow-private --resolve www.bangna-demo.test:" + std::to_string(s.port) + ":127.0.0.1";
  const std::string url = s.host_url("www.bangna-demo.test") + "/demo/O15/pass/summary-2567-10.csv";
  const fs::path out = s.work / "extract.json";
  int rc = std::system((std::string("'") + OITSCAN_BINARY + "' extract --json " + url + resolve + " > '" + out.string() + "'").c_str());
  CHECK(WEXITSTATUS(rc) == 0);
  std::ifstream in(out);
  const auto j = nlohmann::json::parse(in);
  CHECK(j["format"] == "csv");
  CHECK(j["machine_readable"] == true);
  CHECK(j["url"] == url);
  CHECK(j["http_status"] == 200);
  CHECK(j["dates"].size() >= 1);
  // Without --allow-private the guard refuses loopback: the document cannot be read (exit 1).
  // (--resolve still given, so no DNS server is ever asked.)
  const std::string only_resolve = " --resolve www.bangna-demo.test:" + std::to_string(s.port) + ":127.0.0.1";
  rc = std::system((std::string("'") + OITSCAN_BINARY + "' extract " + url + only_resolve + " > /dev/null 2>&1").c_str());
  CHECK(WEXITSTATUS(rc) == 1);
}
