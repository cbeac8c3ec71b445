// A scan killed while writing a record leaves a cut gzip member at the end of the evidence file.
// The next writer session removes that partial record (nobody holds its offset) and appends
// after the intact ones; other damage is refused rather than buried under new records.
#include <catch2/catch.hpp>

#include "archive/sample_archive.hpp"
#include "archive/gzip_appender.hpp"
#include "archive/warc_reader.hpp"
#include "archive/warc_writer.hpp"
#include "support/test_support.hpp"

using namespace oitscan::archive;
using oitscan::test::read_file;
using oitscan::test::ScratchDir;
using oitscan::test::write_file;

namespace {
std::vector<std::string> ids_in(const std::filesystem::path& file) {
  std::vector<std::string> ids;
  WarcReader reader(file);
  while (auto rec = reader.next()) ids.push_back(rec->record_id());
  return ids;
}
}  // namespace

TEST_CASE("a record cut off by a crash is removed and the file is appendable again", "[archive][repair]") {
  for (const std::string name : {"e.warc.gz", "e.warc"}) {
    INFO(name);
    ScratchDir dir("repair");
    const auto sample = oitscan::test::write_sample_archive(dir / ("full-" + name));
    const std::string bytes = read_file(sample.file);
    // The process died 100 bytes into writing the metadata record.
    write_file(dir / name, bytes.substr(0, sample.metadata.offset + 100));
    {
      WarcWriter again(dir / name);
      CHECK(again.repaired_bytes() == 100);
      again.write_metadata({"urn:oitscan:bangna:O15", sample.conversion.record_id, {}, "", "{\"verdict\":\"fail\"}",
                            "application/json", {}});
    }
    const auto ids = ids_in(dir / name);
    REQUIRE(ids.size() == sample.in_order.size() + 1);  // all but the cut record, + warcinfo + new metadata
    for (std::size_t i = 0; i + 1 < sample.in_order.size(); ++i) CHECK(ids[i] == sample.in_order[i].record_id);
    CHECK(repair_truncated_tail(dir / name) == 0);  // nothing left to repair
  }
}

TEST_CASE("an intact file is appended to untouched", "[archive][repair]") {
  ScratchDir dir("repair");
  const auto sample = oitscan::test::write_sample_archive(dir / "e.warc.gz");
  const std::string before = read_file(sample.file);
  WarcWriter again(sample.file);
  CHECK(again.repaired_bytes() == 0);
  const std::string after = read_file(sample.file);
  CHECK(after.size() > before.size());  // the new session's warcinfo was added
  CHECK(after.substr(0, before.size()) == before);
}

TEST_CASE("damage other than a cut end is refused, not appended to", "[archive][repair]") {
  ScratchDir dir("repair");
  const auto sample = oitscan::test::write_sample_archive(dir / "e.warc.gz");
  std::string bytes = read_file(sample.file);
  for (std::size_t i = sample.pdf.response.offset + 30; i < sample.pdf.response.offset + 60; ++i) bytes[i] = 'Z';
  write_file(sample.file, bytes);
  CHECK_THROWS_AS(WarcWriter(sample.file), WarcFormatError);
  CHECK(read_file(sample.file) == bytes);  // left exactly as found, for the auditor
}

TEST_CASE("a record that fails half-way leaves nothing behind and the writer goes on", "[archive][repair]") {
  ScratchDir dir("repair");
  WarcWriter w(dir / "e.warc.gz");
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/big.pdf";
  ex.fetched_at = "2026-11-21T01:00:00Z";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\n\r\n";
  ex.body_file = dir / "spool-that-vanished.bin";  // the spool file is gone
  const auto size = std::filesystem::file_size(dir / "e.warc.gz");
  CHECK_THROWS(w.write_exchange(ex));
  CHECK(std::filesystem::file_size(dir / "e.warc.gz") == size);
  ex.body_file.clear();
  ex.body = "ok";
  const auto refs = w.write_exchange(ex);
  CHECK(refs.response.offset == size);
  CHECK(ids_in(dir / "e.warc.gz").size() == 2);
}

TEST_CASE("an aborted gzip member is cut off the file", "[archive][repair][gzip]") {
  ScratchDir dir("repair");
  {
    GzipAppender out(dir / "x.gz", true);
    out.begin_member();
    out.write("first\n");
    out.end_member();
    const auto start = out.begin_member();
    out.write(oitscan::test::pdf_like_body(200000));  // enough for deflate to have written output
    CHECK(std::filesystem::file_size(dir / "x.gz") > start);
    out.abort_member();
    CHECK(std::filesystem::file_size(dir / "x.gz") == start);
    out.begin_member();
    out.write("second\n");
    out.end_member();
  }
  const auto r = oitscan::test::run_command("gzip -dc " + oitscan::test::shell_quote((dir / "x.gz").string()));
  CHECK(r.exit_code == 0);
  CHECK(r.out == "first\nsecond\n");
}
