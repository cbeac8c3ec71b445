// `check --offline` finds the latest capture of a URL and its bytes, through revisits.
#include <catch2/catch.hpp>

#include "archive/archive_lookup.hpp"
#include "archive/sample_archive.hpp"
#include "archive/warc_writer.hpp"
#include "support/test_support.hpp"

using namespace oitscan::archive;
using oitscan::test::ScratchDir;

TEST_CASE("the latest capture of a URL is found, a revisit leads to the stored bytes", "[archive][lookup]") {
  ScratchDir dir("lookup");
  const auto sample = oitscan::test::write_sample_archive(dir / "e.warc.gz");

  const auto html = latest_response({sample.file}, "https://www.example.go.th/bangna/about");
  REQUIRE(html);
  CHECK(html->body == sample.thai_body);
  CHECK(html->status == 200);
  CHECK(html->record_id == sample.html.response.record_id);
  CHECK(html->revisit_record_id == sample.not_modified.response.record_id);  // the 304 of the next night
  CHECK(html->date == "2026-11-21T01:00:00Z");
  CHECK(html->payload_sha256 == sample.html.response.payload_sha256);

  const auto pdf = latest_response({sample.file}, "https://www.example.go.th/bangna/o15-procurement.pdf");
  REQUIRE(pdf);
  CHECK(pdf->body == sample.pdf_body);
  CHECK(pdf->revisit_record_id == sample.unchanged_pdf.response.record_id);

  const auto cut = latest_response({sample.file}, "https://www.example.go.th/bangna/huge.zip");
  REQUIRE(cut);
  CHECK(cut->truncated);
  CHECK_FALSE(latest_response({sample.file}, "https://www.example.go.th/never-captured"));
}

TEST_CASE("a newer response in a later file wins over older captures", "[archive][lookup]") {
  ScratchDir dir("lookup");
  const auto night1 = oitscan::test::write_sample_archive(dir / "night1.warc.gz");
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/bangna/about";
  ex.fetched_at = "2026-11-22T01:00:00Z";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
  ex.body = "<p>หน้าใหม่</p>";
  std::string new_id;
  {
    WarcWriter w(dir / "night2.warc.gz");
    new_id = w.write_exchange(ex).response.record_id;
  }
  const auto found = latest_response({night1.file, dir / "night2.warc.gz"}, ex.target_uri);
  REQUIRE(found);
  CHECK(found->record_id == new_id);
  CHECK(found->body == "<p>หน้าใหม่</p>");
  CHECK(found->file == dir / "night2.warc.gz");
  CHECK(found->revisit_record_id.empty());
}

TEST_CASE("a capture with a fractional-second date is later than the same whole second", "[archive][lookup]") {
  ScratchDir dir("lookup");
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/a";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\n\r\n";
  WarcWriter w(dir / "e.warc.gz");
  ex.fetched_at = "2026-11-21T01:00:00.500Z";
  ex.body = "later";
  w.write_exchange(ex);
  ex.fetched_at = "2026-11-21T01:00:00Z";  // written after, but earlier in time
  ex.body = "earlier";
  w.write_exchange(ex);
  const auto found = latest_response({dir / "e.warc.gz"}, ex.target_uri);
  REQUIRE(found);
  CHECK(found->body == "later");
}
