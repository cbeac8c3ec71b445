// Records written by WarcWriter come back from WarcReader byte for byte, at the offsets the
// writer reported, with digests that verify.
#include <catch2/catch.hpp>

#include "archive/digest.hpp"
#include "archive/http_message.hpp"
#include "archive/sample_archive.hpp"
#include "archive/warc_reader.hpp"
#include "archive/warc_writer.hpp"
#include "support/test_support.hpp"

using namespace oitscan::archive;
using oitscan::test::ScratchDir;

namespace {
std::vector<WarcRecord> read_all(const std::filesystem::path& file) {
  std::vector<WarcRecord> out;
  WarcReader reader(file);
  while (auto rec = reader.next()) out.push_back(std::move(*rec));
  return out;
}
}  // namespace

TEST_CASE("every record of the sample archive reads back where the writer put it", "[archive][roundtrip]") {
  ScratchDir dir("warc");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");
  const auto records = read_all(sample.file);
  REQUIRE(records.size() == sample.in_order.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    INFO("record " << i << " " << sample.in_order[i].type);
    CHECK(records[i].version == "WARC/1.1");
    CHECK(records[i].type() == sample.in_order[i].type);
    CHECK(records[i].record_id() == sample.in_order[i].record_id);
    CHECK(records[i].offset == sample.in_order[i].offset);
    CHECK(records[i].own_member);
    const DigestCheck check = verify_digests(records[i]);
    CHECK(check.block_checked);
    CHECK(check.ok());
    if (i > 0) CHECK(records[i].fields.get("WARC-Warcinfo-ID") == sample.warcinfo_id);
    // Random access by offset finds the same record.
    CHECK(read_record_at(sample.file, records[i].offset).record_id() == records[i].record_id());
  }
  const WarcRecord& info = records[0];
  CHECK(info.fields.get("Content-Type") == "application/warc-fields");
  CHECK(info.block.find("software: oitscan/") != std::string::npos);
  CHECK(info.block.find("format: WARC File Format 1.1") != std::string::npos);
  CHECK(info.block.find("operator: สำนักงานเขตบางนา (test)") != std::string::npos);
}

TEST_CASE("a response keeps hostile bodies exactly and is linked to its request", "[archive][roundtrip]") {
  ScratchDir dir("warc");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");

  const WarcRecord html = read_record_at(sample.file, sample.html.response.offset);
  CHECK(html.fields.get("Content-Type") == "application/http;msgtype=response");
  CHECK(html.target_uri() == "https://www.example.go.th/bangna/about");
  CHECK(html.date() == "2026-11-20T01:00:00Z");
  CHECK(html.fields.get("WARC-IP-Address") == "127.0.0.1");
  CHECK(payload_of(html) == sample.thai_body);  // body with blank lines inside, split at the first only
  CHECK(status_code(html.block) == 200);
  CHECK(html.fields.get("X-Oitscan-Payload-SHA256") == sample.html.response.payload_sha256);
  REQUIRE(sample.html.request);
  CHECK(html.fields.get("WARC-Concurrent-To") == sample.html.request->record_id);

  const WarcRecord request = read_record_at(sample.file, sample.html.request->offset);
  CHECK(request.fields.get("Content-Type") == "application/http;msgtype=request");
  CHECK(request.fields.get("WARC-Concurrent-To") == sample.html.response.record_id);
  CHECK(request.block.rfind("GET /bangna/about HTTP/1.1\r\n", 0) == 0);

  const WarcRecord pdf = read_record_at(sample.file, sample.pdf.response.offset);
  CHECK(payload_of(pdf) == sample.pdf_body);
  CHECK(pdf.length == pdf.block.size());
  CHECK(sample.pdf.response.payload_length == sample.pdf_body.size());
}

TEST_CASE("a de-chunked body is not declared chunked, a cut body is declared truncated", "[archive][roundtrip]") {
  ScratchDir dir("warc");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");
  const WarcRecord chunked = read_record_at(sample.file, sample.chunked.response.offset);
  CHECK_FALSE(header_value(chunked.block, "Transfer-Encoding"));
  CHECK(header_value(chunked.block, "X-Oitscan-Original-Transfer-Encoding") == "chunked");
  CHECK(payload_of(chunked) == "ข่าวประชาสัมพันธ์\n");

  const WarcRecord cut = read_record_at(sample.file, sample.truncated.response.offset);
  CHECK(cut.fields.get("WARC-Truncated") == "length");
  CHECK_FALSE(read_record_at(sample.file, sample.html.response.offset).fields.get("WARC-Truncated"));
}

TEST_CASE("revisits point at the capture they stand for", "[archive][roundtrip][revisit]") {
  ScratchDir dir("warc");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");

  const WarcRecord nm = read_record_at(sample.file, sample.not_modified.response.offset);
  CHECK(nm.type() == "revisit");
  CHECK(nm.fields.get("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
  CHECK(nm.fields.get("WARC-Refers-To") == sample.html.response.record_id);
  CHECK(nm.fields.get("WARC-Refers-To-Target-URI") == "https://www.example.go.th/bangna/about");
  CHECK(nm.fields.get("WARC-Refers-To-Date") == "2026-11-20T01:00:00Z");
  CHECK(status_code(nm.block) == 304);
  CHECK(split_http(nm.block).body.empty());

  const WarcRecord same = read_record_at(sample.file, sample.unchanged_pdf.response.offset);
  CHECK(same.type() == "revisit");
  CHECK(same.fields.get("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
  CHECK(same.fields.get("WARC-Payload-Digest") == sample.pdf.response.payload_sha1);
  CHECK(same.fields.get("WARC-Refers-To") == sample.pdf.response.record_id);
  CHECK(same.length < 200);  // the 300 KiB body is not stored twice
  CHECK(status_code(same.block) == 200);
}

TEST_CASE("conversion and metadata records carry text and verdicts about other records", "[archive][roundtrip]") {
  ScratchDir dir("warc");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");
  const WarcRecord conv = read_record_at(sample.file, sample.conversion.offset);
  CHECK(conv.type() == "conversion");
  CHECK(conv.block == sample.converted_text);
  CHECK(conv.fields.get("WARC-Refers-To") == sample.pdf.response.record_id);
  CHECK(conv.fields.get("X-Oitscan-Text-Source") == "text-layer");
  CHECK(conv.fields.get("Content-Type") == "text/plain; charset=utf-8");

  const WarcRecord meta = read_record_at(sample.file, sample.metadata.offset);
  CHECK(meta.type() == "metadata");
  CHECK(meta.block == sample.metadata_json);
  CHECK(meta.fields.get("WARC-Refers-To") == sample.conversion.record_id);
  CHECK(meta.fields.get_all("WARC-Concurrent-To") ==
        std::vector<std::string>{sample.pdf.response.record_id, sample.html.response.record_id});
  CHECK(meta.target_uri() == "urn:oitscan:bangna:O15");
}

TEST_CASE("an identical-payload revisit of different bytes is refused", "[archive][revisit]") {
  ScratchDir dir("warc");
  WarcWriter w(dir / "x.warc.gz");
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/a";
  ex.fetched_at = "2026-11-21T01:00:00Z";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\n\r\n";
  ex.body = "new bytes";
  const PriorCapture prior{"<urn:uuid:11111111-1111-4111-8111-111111111111>", ex.target_uri, "2026-11-20T01:00:00Z",
                           "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", ""};
  CHECK_THROWS_AS(w.write_identical_payload(ex, prior), std::invalid_argument);
  // write_capture sees the bytes changed and stores a full response instead.
  CHECK(w.write_capture(ex, &prior).response.type == "response");
}

TEST_CASE("a large body is streamed from a spool file and compressed incrementally", "[archive][large]") {
  ScratchDir dir("warc");
  const std::string big = oitscan::test::pdf_like_body(12 * 1024 * 1024);
  oitscan::test::write_file(dir / "spool.bin", big);
  WarcWriter w(dir / "big.warc.gz");
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/big.pdf";
  ex.fetched_at = "2026-11-21T01:00:00Z";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n";
  ex.body_file = dir / "spool.bin";
  const auto refs = w.write_exchange(ex);
  CHECK(refs.response.payload_length == big.size());
  CHECK(refs.response.payload_sha256 == digest_of(big).sha256_hex);
  const WarcRecord rec = read_record_at(dir / "big.warc.gz", refs.response.offset);
  CHECK(payload_of(rec) == big);
  CHECK(verify_digests(rec).ok());
  CHECK(verify_digests(rec).payload_checked);
}

TEST_CASE("a plain .warc is written uncompressed and reads back the same way", "[archive][plain]") {
  ScratchDir dir("warc");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc");
  CHECK(oitscan::test::read_file(sample.file).rfind("WARC/1.1\r\nWARC-Type: warcinfo\r\n", 0) == 0);
  const auto records = read_all(sample.file);
  REQUIRE(records.size() == sample.in_order.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    CHECK(records[i].offset == sample.in_order[i].offset);
    CHECK(verify_digests(records[i]).ok());
  }
  CHECK(payload_of(read_record_at(sample.file, sample.pdf.response.offset)) == sample.pdf_body);
}

TEST_CASE("a second writer session appends to the file with its own warcinfo", "[archive][append]") {
  ScratchDir dir("warc");
  const auto first = oitscan::test::write_sample_archive(dir / "e.warc.gz");
  std::string second_info;
  {
    WarcWriter again(dir / "e.warc.gz");
    second_info = again.warcinfo_id();
    again.write_metadata({"urn:oitscan:x", "", {}, "", "{}", "application/json", {}});
  }
  const auto records = read_all(dir / "e.warc.gz");
  REQUIRE(records.size() == first.in_order.size() + 2);
  CHECK(records[first.in_order.size()].type() == "warcinfo");
  CHECK(records[first.in_order.size()].record_id() == second_info);
  CHECK(records.back().fields.get("WARC-Warcinfo-ID") == second_info);
}

TEST_CASE("bad input to the writer is refused before anything is written", "[archive][writer]") {
  ScratchDir dir("warc");
  WarcWriter w(dir / "x.warc.gz");
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/a";
  ex.fetched_at = "21/11/2026";
  ex.response_head = "HTTP/1.1 200 OK\r\n\r\n";
  CHECK_THROWS_AS(w.write_exchange(ex), std::invalid_argument);
  ex.fetched_at = "2026-11-21T01:00:00Z";
  ex.response_head = "";  // a timeout: no response to archive
  CHECK_THROWS_AS(w.write_exchange(ex), std::invalid_argument);
  ex.response_head = "<html>no status line</html>\r\n\r\n";
  CHECK_THROWS_AS(w.write_exchange(ex), std::invalid_argument);
  ex.response_head = "HTTP/1.1 200 OK\r\n\r\n";
  ex.extra_fields = {{"X-Evil", "a\r\nWARC-Type: metadata"}};
  CHECK_THROWS_AS(w.write_exchange(ex), std::invalid_argument);
  ex.extra_fields.clear();
  ex.target_uri = "https://www.example.go.th/ข่าว ล่าสุด";
  const auto refs = w.write_exchange(ex);
  CHECK(read_record_at(dir / "x.warc.gz", refs.response.offset).target_uri() ==
        "https://www.example.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7%20%E0%B8%A5%E0%B9%88%E0%B8%B2%E0%B8%AA%E0%B8%B8%E0%B8%94");
  std::size_t n = 0;
  WarcReader reader(dir / "x.warc.gz");
  while (reader.next()) ++n;
  CHECK(n == 2);  // warcinfo + the one good response (no request head given)
}
