// The two stages together, as a nightly scan uses them: night 1 archives a response and logs the
// fetch; night 2 finds the log entry, sends a conditional GET, gets a 304 and archives a revisit
// that points at night 1's bytes; check --offline then finds those bytes from the log alone.
#include <catch2/catch.hpp>

#include "archive/archive_lookup.hpp"
#include "archive/http_message.hpp"
#include "archive/warc_reader.hpp"
#include "archive/warc_writer.hpp"
#include "store/history_store.hpp"
#include "support/test_support.hpp"

using namespace oitscan;
using oitscan::test::ScratchDir;

namespace {

store::FetchRecord logged(std::int64_t run, const archive::HttpExchange& ex, const archive::RecordRef& ref,
                          const std::filesystem::path& warc, const std::string& outcome) {
  store::FetchRecord f;
  f.run_id = run;
  f.url = ex.target_uri;
  f.final_url = ex.target_uri;
  f.outcome = outcome;
  f.http_status = ex.status;
  f.sha256 = ref.payload_sha256;
  f.etag = archive::header_value(ex.response_head, "ETag");
  f.fetched_at = ex.fetched_at;
  f.warc_file = warc.string();
  f.warc_offset = static_cast<std::int64_t>(ref.offset);
  f.warc_record_id = ref.record_id;
  f.warc_payload_digest = ref.payload_sha1;
  return f;
}

}  // namespace

TEST_CASE("night 2's 304 becomes a revisit of night 1's archived bytes, found again through the log", "[store][archive][flow]") {
  ScratchDir dir("flow");
  auto history = store::HistoryStore::open(dir / "history.sqlite");
  const store::Unit bangna{"bangna", "สำนักงานเขตบางนา", "https://www.example.go.th/bangna/"};
  const std::string url = "https://www.example.go.th/bangna/o15.pdf";
  using namespace std::string_literals;
  const std::string pdf = "%PDF-1.7\n\x00\x01 รายงานผลการจัดซื้อจัดจ้าง \r\n\r\n%%EOF"s;  // NUL kept
  REQUIRE(pdf.size() > 20);

  // Night 1: a full response.
  const auto run1 = history.begin_run(bangna, "bma-district-2568", "r1");
  archive::HttpExchange ex;
  ex.target_uri = url;
  ex.fetched_at = "2026-11-20T01:00:00Z";
  ex.request_head = "GET /bangna/o15.pdf HTTP/1.1\r\nHost: www.example.go.th\r\n\r\n";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nETag: \"v1\"\r\n\r\n";
  ex.body = pdf;
  const auto night1 = dir / "night1.warc.gz";
  {
    archive::WarcWriter w(night1);
    const auto refs = w.write_capture(ex, nullptr);
    w.sync();
    history.record_fetch(logged(run1, ex, refs.response, night1, "ok"));
  }

  // Night 2: the log gives the validator and the prior capture.
  const auto run2 = history.begin_run(bangna, "bma-district-2568", "r1");
  const auto prior_fetch = history.latest_fetch(url);
  REQUIRE(prior_fetch);
  CHECK(prior_fetch->etag == "\"v1\"");
  const archive::PriorCapture prior{*prior_fetch->warc_record_id, prior_fetch->url, prior_fetch->fetched_at,
                                    *prior_fetch->warc_payload_digest, *prior_fetch->sha256};
  archive::HttpExchange again;
  again.target_uri = url;
  again.fetched_at = "2026-11-21T01:00:00Z";
  again.request_head = "GET /bangna/o15.pdf HTTP/1.1\r\nHost: www.example.go.th\r\nIf-None-Match: \"v1\"\r\n\r\n";
  again.status = 304;
  again.response_head = "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n";
  const auto night2 = dir / "night2.warc.gz";
  {
    archive::WarcWriter w(night2);
    const auto refs = w.write_capture(again, &prior);
    CHECK(refs.response.type == "revisit");
    w.sync();
    auto f = logged(run2, again, refs.response, night2, "not-modified");
    f.sha256 = prior.payload_sha256;  // the content is night 1's
    history.record_fetch(f);
  }

  // The log points at a record whose digest matches, and offline lookup serves night 1's bytes.
  const auto latest = history.latest_fetch(url);
  REQUIRE(latest);
  CHECK(latest->outcome == "not-modified");
  const auto revisit = archive::read_record_at(*latest->warc_file, static_cast<std::uint64_t>(*latest->warc_offset));
  CHECK(revisit.record_id() == *latest->warc_record_id);
  CHECK(revisit.fields.get("WARC-Refers-To") == prior.record_id);
  const auto bytes = archive::latest_response({night1, night2}, url);
  REQUIRE(bytes);
  CHECK(bytes->body == pdf);
  CHECK(bytes->payload_sha256 == *latest->sha256);
  CHECK(bytes->revisit_record_id == *latest->warc_record_id);
}
