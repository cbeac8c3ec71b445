// Streaming gather against the scripted Beast server on 127.0.0.1: a body is read as soon as it
// arrives and the links found are fetched at once (no level barrier), the evidence keeps discovery
// order whatever order fetches complete in, and bodies are dropped once read and archived.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <mutex>

#include "archive/warc_reader.hpp"
#include "archive/http_message.hpp"
#include "common/digest.hpp"
#include "fetch/test_server.hpp"
#include "gather/evidence_archive.hpp"
#include "gather/gather.hpp"
#include "gather/http_source.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace oitscan;
using testing::Route;
using testing::ScriptedResponse;
using testing::TestServer;

namespace {

const testing::TlsFiles& test_tls() {
  static const testing::TlsFiles files =
      testing::make_test_certificate((fs::temp_directory_path() / ("oitscan-stream-tls-" + std::to_string(::getpid()))).string());
  return files;
}

fetch::FetchOptions local_options() {
  fetch::FetchOptions o;
  o.allow_private = true;
  o.soft404_probe = false;
  o.adaptive_delay = false;
  o.max_retries = 0;
  return o;
}

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><main>" + body +
         "</main></body></html>";
}

ScriptedResponse html(std::string body) {
  ScriptedResponse r;
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  r.body = std::move(body);
  return r;
}

// Event log written from the reading threads.
struct Events {
  std::mutex mutex;
  std::vector<std::string> log;
  void add(const std::string& e) {
    std::lock_guard<std::mutex> lock(mutex);
    log.push_back(e);
  }
  std::ptrdiff_t position(const std::string& e) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = std::find(log.begin(), log.end(), e);
    return it == log.end() ? -1 : it - log.begin();
  }
};

std::vector<archive::WarcRecord> records_of(const fs::path& warc) {
  std::vector<archive::WarcRecord> out;
  archive::WarcReader reader(warc);
  while (auto r = reader.next()) out.push_back(std::move(*r));
  return out;
}

}  // namespace

TEST_CASE("streaming: a slow page does not hold back the reading of a document a fast page links", "[gather][http]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  ScriptedResponse slow = html(page("ช้า", "<p>" + std::string(3000, 'x') + "</p>"));
  // Dripped over about four seconds: everything the fast page leads to is fetched meanwhile.
  slow.drip_bytes = 100;
  slow.drip_interval_ms = 130;
  ScriptedResponse late_doc = html(page("เอกสารหนึ่ง", "<p>รายงานผลการดำเนินงาน ประจำปี</p>"));
  late_doc.delay_ms = 300;  // completes after doc2, yet stays first in the evidence
  server.set_routes({
      Route{"", "/o1/fast.html",
            {html(page("เร็ว", "<ul><li><a href=\"doc1.html\">รายงานฉบับที่หนึ่ง</a></li><li><a href=\"doc2.html\">รายงานฉบับที่สอง</a></li></ul>"))}},
      Route{"", "/o1/slow.html", {slow}},
      Route{"", "/o1/doc1.html", {late_doc}},
      Route{"", "/o1/doc2.html", {html(page("เอกสารสอง", "<p>แผนการดำเนินงาน ประจำปี</p>"))}},
  });

  Events events;
  gather::GatherOptions go;
  go.on_reading = [&](const std::string& url) { events.add("read " + url.substr(base.size())); };
  gather::HttpSource network(local_options());
  gather::EvidenceGatherer gatherer(network, go);
  gather::GatherPlan plan;
  plan.items["O1"] = {base + "/o1/fast.html", base + "/o1/slow.html"};
  plan.follow_depth["O1"] = 1;
  plan.website = base + "/";
  const auto evidence = gatherer.gather(plan);

  INFO([&] {
    std::string all;
    for (const auto& e : events.log) all += e + "\n";
    return all;
  }());
  // The slow page is read when its last byte is in; the linked document was read before that.
  // A level-by-level gather reads the slow page first: level 1 waits for all of level 0.
  const auto slow_read = events.position("read /o1/slow.html");
  const auto doc_read = events.position("read /o1/doc2.html");
  REQUIRE(slow_read >= 0);
  REQUIRE(doc_read >= 0);
  CHECK(doc_read < slow_read);
  const auto doc1_read = events.position("read /o1/doc1.html");
  REQUIRE(doc1_read >= 0);
  CHECK(doc1_read < slow_read);

  // Discovery order, not completion order: submitted first, then links in page order.
  const auto& docs = evidence.at("O1");
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].url == base + "/o1/fast.html");
  CHECK(docs[1].url == base + "/o1/slow.html");
  CHECK(docs[2].url == base + "/o1/doc1.html");
  CHECK(docs[3].url == base + "/o1/doc2.html");
  CHECK(docs[2].depth == 1);
  CHECK(docs[2].linked_from == base + "/o1/fast.html");
  CHECK(docs[2].anchor_text == "รายงานฉบับที่หนึ่ง");
  for (const auto& d : docs) {
    INFO(d.url);
    CHECK(d.fetch_class() == fetch::EvidenceClass::obtained);
    CHECK_FALSE(d.parts.empty());
  }
}

TEST_CASE("streaming: bodies are dropped once read and archived; digest and size stay; bodies in flight stay within the budget",
          "[gather][http]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  constexpr int kDocs = 6;
  constexpr std::size_t kSize = 512u << 10;
  std::vector<Route> routes;
  std::vector<std::string> bodies;
  std::string index;
  for (int i = 0; i < kDocs; ++i) {
    // A CSV of distinct rows per file, so every body has its own digest.
    std::string csv = "ลำดับ,รายการ,จำนวนเงิน\n";
    for (int row = 0; csv.size() < kSize; ++row) csv += std::to_string(row) + ",ค่าวัสดุ " + std::to_string(i) + "," + std::to_string(row * 7 + i) + "\n";
    csv.resize(kSize);
    ScriptedResponse r;
    r.headers = {{"Content-Type", "text/csv; charset=utf-8"}};
    r.body = csv;
    bodies.push_back(csv);
    const std::string name = "data" + std::to_string(i) + ".csv";
    routes.push_back(Route{"", "/o2/" + name, {r}});
    index += "<li><a href=\"" + name + "\">ข้อมูลชุดที่ " + std::to_string(i) + "</a></li>";
  }
  routes.push_back(Route{"", "/o2/index.html", {html(page("ข้อมูลเปิด", "<ul>" + index + "</ul>"))}});
  server.set_routes(routes);

  test::ScratchDir dir("stream-drop");
  const fs::path warc = dir.path() / "evidence.warc.gz";
  std::mutex mutex;
  std::size_t read_with_body = 0;
  gather::GatherOptions go;
  go.body_budget = 1;  // nothing may wait: every body is read and archived before the next comes in
  go.on_read = [&](const fetch::Response& f, const extract::Document&) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!f.body.empty() && sha256_hex(f.body) == f.sha256) ++read_with_body;
  };
  std::map<std::string, gather::Record> records;
  std::size_t peak = 0;
  {
    gather::EvidenceArchive archive(warc, "oitscan-test");
    gather::HttpSource network(local_options());
    gather::ArchivingSource source(network, archive);
    gather::EvidenceGatherer gatherer(source, go);
    gather::GatherPlan plan;
    plan.items["O2"] = {base + "/o2/index.html"};
    plan.follow_depth["O2"] = 1;
    plan.website = base + "/";
    const auto evidence = gatherer.gather(plan);
    REQUIRE(evidence.at("O2").size() == kDocs + 1);
    archive.sync();
    records = gatherer.take_records();
    peak = gatherer.peak_body_bytes();
  }
  REQUIRE(records.size() == kDocs + 1);
  CHECK(read_with_body == kDocs + 1);  // the last look at the bytes came before the drop
  for (int i = 0; i < kDocs; ++i) {
    const auto& r = records.at(base + "/o2/data" + std::to_string(i) + ".csv");
    INFO(r.fetched->url);
    CHECK(r.read);
    CHECK(r.fetched->body.empty());             // dropped …
    CHECK(r.fetched->body.capacity() < 64);     // … with its memory
    CHECK(r.body_bytes == kSize);               // its size,
    CHECK(r.fetched->sha256 == sha256_hex(bodies[static_cast<std::size_t>(i)]));  // digest
    CHECK_FALSE(r.fetched->warc_record_id.empty());                               // and record stay
    CHECK(gather::body_obtained(*r.fetched));
  }
  // Never more than the body being handed on and one still being archived.
  CHECK(peak <= 2 * kSize + 64 * 1024);
  // The archive holds every body in full.
  std::size_t archived = 0;
  for (const auto& rec : records_of(warc)) {
    if (rec.type() != "response") continue;
    const auto [head, body] = archive::split_http(rec.block);
    if (body.size() == kSize) ++archived;
  }
  CHECK(archived == kDocs);
}
