// Rescans as a nightly scan makes them: nginx on 127.0.0.1 serves a page, a text PDF and a
// scanned PDF with ETag and Last-Modified; the same gathering runs three times through the
// conditional-GET cache. The archive must say what the server said (a 304 is a revisit record
// pointing at the original capture, never a response with a body the server did not send), and a
// document that did not change must not be read (or OCR'd) again.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "archive/warc_reader.hpp"
#include "archive/http_message.hpp"
#include "extract/document_json.hpp"
#include "gather/evidence_archive.hpp"
#include "gather/extraction_cache.hpp"
#include "gather/gather.hpp"
#include "gather/http_source.hpp"
#include "gather/offline_source.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace oitscan;
using test::run_command;
using test::shell_quote;

namespace {

const fs::path kSource = OITSCAN_TEST_SOURCE_DIR;

// A port the kernel just handed out on 127.0.0.1, for nginx to listen on.
int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

struct Site {
  test::ScratchDir dir{"rescan"};
  int port = free_port();
  Site() {
    fs::create_directories(dir.path() / "site");
    write_page("<p>ประกาศ ๑ ตุลาคม ๒๕๖๗</p>");
    fs::copy_file(kSource / "tests/fixtures/docs/thai-order.pdf", dir.path() / "site/order.pdf");
    fs::copy_file(kSource / "tests/fixtures/docs/thai-order-scanned.pdf", dir.path() / "site/scanned.pdf");
    const auto r = run_command("bash " + shell_quote((kSource / "scripts/demo-site/serve.sh").string()) + " start " +
                               shell_quote((dir.path() / "nginx").string()) + " " + std::to_string(port) + " " +
                               shell_quote((dir.path() / "site").string()));
    if (r.exit_code != 0) throw std::runtime_error("nginx did not start");
  }
  ~Site() {
    [[maybe_unused]] auto r = run_command("bash " + shell_quote((kSource / "scripts/demo-site/serve.sh").string()) + " stop " +
                                          shell_quote((dir.path() / "nginx").string()));
  }
  void write_page(const std::string& body) {
    test::write_file(dir.path() / "site/index.html",
                     "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>ข้อมูลเขต</title></head><body>" + body +
                         "</body></html>");
  }
  std::string url(const std::string& name) const { return "http://127.0.0.1:" + std::to_string(port) + "/demo/" + name; }
};

struct Run {
  std::map<std::string, gather::Record> records;
  gather::ArchiveCounts counts;
  std::size_t read = 0;
  std::size_t reused = 0;
};

// One night: gather the three URLs through the archive, with the fetch and extraction caches.
Run gather_once(const Site& site, const fs::path& warc, const fs::path& cache) {
  fetch::FetchOptions fo;
  fo.allow_private = true;
  fo.cache_dir = cache.string();
  fo.max_retries = 0;
  fo.soft404_probe = false;
  auto extraction = std::make_shared<gather::ExtractionCache>(cache / "extracted");
  gather::EvidenceArchive archive(warc, "oitscan-test", cache);
  gather::HttpSource network(fo);
  gather::ArchivingSource source(network, archive);
  gather::GatherOptions go;
  go.extraction_cache = extraction;
  gather::EvidenceGatherer gatherer(source, go);
  gather::GatherPlan plan;
  plan.items["O1"] = {site.url("index.html"), site.url("order.pdf"), site.url("scanned.pdf")};
  plan.website = site.url("");
  gatherer.gather(plan);
  archive.sync();
  Run run;
  run.records = gatherer.take_records();
  run.counts = archive.counts();
  run.read = extraction->extracted();
  run.reused = extraction->reused();
  return run;
}

std::vector<archive::WarcRecord> records_of(const fs::path& warc) {
  std::vector<archive::WarcRecord> out;
  archive::WarcReader reader(warc);
  while (auto r = reader.next()) out.push_back(std::move(*r));
  return out;
}

std::vector<nlohmann::json> warcio_dump(const fs::path& file) {
  const std::string tools = (kSource / "tests/tools").string();
  INFO("needs node and tests/tools/node_modules: run scripts/install-deps.sh");
  REQUIRE(fs::exists(tools + "/node_modules/warcio/package.json"));
  const auto r = run_command("node " + shell_quote(tools + "/warc_dump.mjs") + " " + shell_quote(file.string()));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("rescan: a 304 is a revisit of the original capture, and nothing unchanged is read again", "[gather][http][ocr]") {
  Site site;
  const fs::path cache = site.dir / "cache";
  const fs::path night1 = site.dir / "night1.warc.gz";
  const fs::path night2 = site.dir / "night2.warc.gz";
  const fs::path night3 = site.dir / "night3.warc.gz";

  const Run first = gather_once(site, night1, cache);
  REQUIRE(first.records.size() == 3);
  CHECK(first.counts.responses == 3);
  CHECK(first.read == 3);
  CHECK(first.reused == 0);
  std::map<std::string, archive::WarcRecord> originals;  // url -> response record of night 1
  for (auto& r : records_of(night1)) {
    if (r.type() == "response") originals[r.target_uri()] = r;
  }
  REQUIRE(originals.size() == 3);
  // The scan was OCR'd: this is the reading a rescan must not repeat.
  REQUIRE(first.records.at(site.url("scanned.pdf")).document.overall_source() == extract::TextSource::Ocr);

  // Night 2: nothing changed. Every fetch is a 304, archived as a revisit; nothing is read.
  const Run second = gather_once(site, night2, cache);
  CHECK(second.counts.not_modified == 3);
  CHECK(second.counts.responses == 0);
  CHECK(second.counts.unknown_original == 0);
  CHECK(second.read == 0);
  CHECK(second.reused == 3);
  for (const auto& [url, rec] : second.records) {
    INFO(url);
    CHECK(rec.fetched->outcome == fetch::Outcome::not_modified);
    // Evidence points at the capture holding the bytes, the revisit is known too.
    CHECK(rec.fetched->warc_record_id == originals.at(url).record_id());
    CHECK_FALSE(rec.fetched->warc_revisit_record_id.empty());
    // The same reading as night 1, from the cache.
    CHECK(extract::to_json(rec.document) == extract::to_json(first.records.at(url).document));
  }
  std::size_t revisits = 0;
  for (const auto& r : records_of(night2)) {
    if (r.type() == "response") {
      FAIL("night 2 holds a response record: " << r.target_uri());
    }
    if (r.type() != "revisit") continue;
    ++revisits;
    INFO(r.target_uri());
    const auto& original = originals.at(r.target_uri());
    CHECK(r.fields.get("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
    CHECK(r.fields.get("WARC-Refers-To") == original.record_id());
    CHECK(r.fields.get("WARC-Refers-To-Target-URI") == original.target_uri());
    CHECK(r.fields.get("WARC-Refers-To-Date") == original.date());
    CHECK(r.fields.get("WARC-Payload-Digest") == original.fields.get("WARC-Payload-Digest"));
    // The 304 as the server sent it: its status and its own headers, and no body.
    const auto [head, body] = archive::split_http(r.block);
    CHECK(archive::status_code(head) == 304);
    CHECK(body.empty());
    CHECK_THAT(std::string(head), Catch::Contains("ETag: "));
    CHECK_THAT(std::string(head), !Catch::Contains("Content-Length"));
    CHECK(archive::verify_digests(r).ok());
  }
  CHECK(revisits == 3);

  // An independent reader agrees.
  std::size_t warcio_revisits = 0;
  for (const auto& j : warcio_dump(night2)) {
    INFO(j.dump());
    CHECK(j["block_digest_ok"] == true);
    CHECK(j["type"] != "response");
    if (j["type"] != "revisit") continue;
    ++warcio_revisits;
    CHECK(j["http_status"] == 304);
    CHECK(j["payload_length"] == 0);
    CHECK(j["refers_to"] == originals.at(j["target_uri"].get<std::string>()).record_id());
  }
  CHECK(warcio_revisits == 3);

  // --offline over both nights: the revisit resolves to the original payload.
  gather::OfflineSource offline({night1, night2});
  const auto pdf = offline.fetch_all({site.url("order.pdf")}).at(0);
  CHECK(pdf->body == test::read_file(kSource / "tests/fixtures/docs/thai-order.pdf"));
  CHECK(pdf->warc_record_id == originals.at(site.url("order.pdf")).record_id());
  CHECK(pdf->fetched_at == second.records.at(site.url("order.pdf")).fetched->fetched_at);

  // Night 3: the page changes; the PDF is the same file with a new date (a new ETag, the same
  // bytes): a changed page is a response and is read, the same bytes are an identical-payload revisit.
  site.write_page("<p>ประกาศ ๒ ตุลาคม ๒๕๖๗</p>");
  REQUIRE(run_command("touch -d '2030-01-01 00:00:00' " + shell_quote((site.dir / "site/order.pdf").string())).exit_code == 0);
  const Run third = gather_once(site, night3, cache);
  CHECK(third.counts.responses == 1);
  CHECK(third.counts.identical_payload == 1);
  CHECK(third.counts.not_modified == 1);
  CHECK(third.read == 1);
  CHECK(third.reused == 2);
  for (const auto& r : records_of(night3)) {
    if (r.type() != "revisit" || r.target_uri() != site.url("order.pdf")) continue;
    CHECK(r.fields.get("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
    CHECK(r.fields.get("WARC-Refers-To") == originals.at(site.url("order.pdf")).record_id());
    CHECK(archive::status_code(archive::split_http(r.block).head) == 200);
  }

  // A cache filled by an older oitscan knows no captures. Night 4 gets 304s it cannot point
  // anywhere: each is kept as it came (a bodiless 304 response, nothing invented) and its cache
  // entry dropped, so night 5 fetches in full and captures again.
  for (const auto& e : fs::directory_iterator(cache)) {
    if (e.path().extension() != ".json") continue;
    auto meta = nlohmann::json::parse(test::read_file(e.path()));
    meta.erase("capture");
    test::write_file(e.path(), meta.dump());
  }
  const Run fourth = gather_once(site, site.dir / "night4.warc.gz", cache);
  CHECK(fourth.counts.unknown_original == 3);
  CHECK(fourth.counts.not_modified == 0);
  CHECK(fourth.read == 0);
  for (const auto& r : records_of(site.dir / "night4.warc.gz")) {
    if (r.type() != "response") continue;
    const auto [head, body] = archive::split_http(r.block);
    CHECK(archive::status_code(head) == 304);
    CHECK(body.empty());
    CHECK(r.fields.get("X-Oitscan-Fetch-Outcome") == "not-modified");
    // The digests are of what the record holds (no body), not of the cached body the run judged.
    CHECK(archive::verify_digests(r).ok());
  }
  const Run fifth = gather_once(site, site.dir / "night5.warc.gz", cache);
  CHECK(fifth.counts.responses == 3);
  CHECK(fifth.read == 0);  // the bytes are the same: still nothing to read again
  const Run sixth = gather_once(site, site.dir / "night6.warc.gz", cache);
  CHECK(sixth.counts.not_modified == 3);
}
