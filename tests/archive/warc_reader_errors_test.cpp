// Garbage, truncation and lies about lengths are refused with an error naming file and offset.
#include <catch2/catch.hpp>

#include "archive/sample_archive.hpp"
#include "archive/warc_reader.hpp"
#include "archive/warc_writer.hpp"
#include "support/test_support.hpp"

using namespace oitscan::archive;
using oitscan::test::read_file;
using oitscan::test::ScratchDir;
using oitscan::test::write_file;

namespace {

// Reads every record; returns the error, or "" when the file read cleanly.
std::string read_error(const std::filesystem::path& file, ReaderLimits limits = {}) {
  try {
    WarcReader reader(file, limits);
    while (reader.next()) {
    }
  } catch (const WarcFormatError& e) {
    return e.what();
  }
  return "";
}

const std::string kRecordHead =
    "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:11111111-1111-4111-8111-111111111111>\r\n"
    "WARC-Date: 2026-11-21T01:00:00Z\r\n";

}  // namespace

TEST_CASE("a file that is not WARC is refused at offset 0", "[archive][reader][errors]") {
  ScratchDir dir("bad");
  write_file(dir / "x.warc", "<html>not an archive</html>\n");
  const std::string err = read_error(dir / "x.warc");
  CHECK(err.find("x.warc: offset 0: not a WARC record") != std::string::npos);
  write_file(dir / "empty.warc", "");
  CHECK(read_error(dir / "empty.warc").empty());
  CHECK(std::string(read_error(dir / "missing.warc")).find("cannot open") != std::string::npos);
}

TEST_CASE("lengths that do not match the block are refused", "[archive][reader][errors]") {
  ScratchDir dir("bad");
  write_file(dir / "short.warc", kRecordHead + "Content-Length: 3\r\n\r\nabcdef\r\n\r\n");
  CHECK(read_error(dir / "short.warc").find("offset 0: block not followed by CRLF CRLF") != std::string::npos);
  write_file(dir / "long.warc", kRecordHead + "Content-Length: 600\r\n\r\nabcdef\r\n\r\n");
  CHECK(read_error(dir / "long.warc").find("file ends inside the block: Content-Length 600, only 10") != std::string::npos);
  write_file(dir / "nan.warc", kRecordHead + "Content-Length: 12abc\r\n\r\nabc\r\n\r\n");
  CHECK(read_error(dir / "nan.warc").find("Content-Length is not a decimal number") != std::string::npos);
  write_file(dir / "neg.warc", kRecordHead + "Content-Length: -1\r\n\r\n\r\n\r\n");
  CHECK(read_error(dir / "neg.warc").find("not a decimal number") != std::string::npos);
}

TEST_CASE("records above the size limit and endless headers are refused without reading them", "[archive][reader][errors]") {
  ScratchDir dir("bad");
  write_file(dir / "big.warc", kRecordHead + "Content-Length: 99999999999999\r\n\r\n");
  CHECK(read_error(dir / "big.warc").find("exceeds the limit") != std::string::npos);
  std::string endless = kRecordHead;
  for (int i = 0; i < 5000; ++i) endless += "X-Filler-" + std::to_string(i) + ": yes\r\n";
  write_file(dir / "endless.warc", endless);
  CHECK(read_error(dir / "endless.warc", {1024 * 1024, 16 * 1024}).find("record header larger than 16384") != std::string::npos);
  write_file(dir / "line.warc", std::string(100000, 'W'));
  CHECK(read_error(dir / "line.warc", {1024 * 1024, 4096}).find("header line longer than 4096") != std::string::npos);
}

TEST_CASE("missing mandatory fields and malformed lines are named", "[archive][reader][errors]") {
  ScratchDir dir("bad");
  write_file(dir / "noid.warc", "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Date: 2026-11-21T01:00:00Z\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
  CHECK(read_error(dir / "noid.warc").find("missing mandatory field WARC-Record-ID") != std::string::npos);
  write_file(dir / "colon.warc", kRecordHead + "this line has no colon\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
  CHECK(read_error(dir / "colon.warc").find("malformed header line") != std::string::npos);
  write_file(dir / "cut.warc", kRecordHead + "Content-Len");
  CHECK(read_error(dir / "cut.warc").find("file ends inside the record header") != std::string::npos);
}

TEST_CASE("gzip damage is reported at the member where it is", "[archive][reader][errors][gzip]") {
  ScratchDir dir("bad");
  const auto sample = oitscan::test::write_sample_archive(dir / "good.warc.gz");
  const std::string bytes = read_file(sample.file);

  // Cut in the middle of the PDF response's member.
  write_file(dir / "cut.warc.gz", bytes.substr(0, sample.pdf.response.offset + 1000));
  const std::string cut = read_error(dir / "cut.warc.gz");
  CHECK(cut.find("offset " + std::to_string(sample.pdf.response.offset) + ": gzip member is truncated") != std::string::npos);

  // Flip bytes inside the deflate data of the metadata member.
  std::string flipped = bytes;
  for (std::size_t i = sample.metadata.offset + 20; i < sample.metadata.offset + 40; ++i) flipped[i] = static_cast<char>(~flipped[i]);
  write_file(dir / "flipped.warc.gz", flipped);
  const std::string corrupt = read_error(dir / "flipped.warc.gz");
  CHECK(corrupt.find("offset " + std::to_string(sample.metadata.offset) + ":") != std::string::npos);

  // Plain garbage appended after the last member.
  write_file(dir / "tail.warc.gz", bytes + "garbage after the archive");
  CHECK(read_error(dir / "tail.warc.gz").find("offset " + std::to_string(bytes.size()) + ": not a gzip member") != std::string::npos);
}

TEST_CASE("tampered content no longer verifies", "[archive][reader][digest]") {
  ScratchDir dir("bad");
  const auto sample = oitscan::test::write_sample_archive(dir / "e.warc");
  std::string bytes = read_file(sample.file);
  const std::size_t at = bytes.find("มีนาคม ๒๕๖๘");  // change the month in the archived Thai page
  REQUIRE(at != std::string::npos);
  bytes.replace(at, std::string("มีนาคม").size(), "เมษายน");
  write_file(dir / "tampered.warc", bytes);
  const WarcRecord rec = read_record_at(dir / "tampered.warc", sample.html.response.offset);
  const DigestCheck check = verify_digests(rec);
  CHECK(check.block_checked);
  CHECK_FALSE(check.block_ok);
  CHECK_FALSE(check.payload_ok);
  CHECK_FALSE(check.sha256_ok);
  CHECK_FALSE(check.ok());
}

TEST_CASE("records sharing one gzip member are read, and flagged as not addressable alone", "[archive][reader][gzip]") {
  ScratchDir dir("share");
  const auto sample = oitscan::test::write_sample_archive(dir / "e.warc");
  // `gzip` of the whole plain file: one member holding every record, as some tools write.
  REQUIRE(oitscan::test::run_command("gzip -k " + oitscan::test::shell_quote(sample.file.string())).exit_code == 0);
  WarcReader reader(dir / "e.warc.gz");
  std::size_t n = 0;
  while (auto rec = reader.next()) {
    CHECK(rec->offset == 0);
    CHECK(rec->own_member == (n == 0));
    CHECK(verify_digests(*rec).ok());
    ++n;
  }
  CHECK(n == sample.in_order.size());
}
