// The same files read by independent tools: webrecorder's warcio (JavaScript, npm) with digests
// recomputed by Node's crypto, and the gzip/zcat command-line tools.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "archive/sample_archive.hpp"
#include "archive/warc_reader.hpp"
#include "support/test_support.hpp"

using namespace oitscan::archive;
using oitscan::test::run_command;
using oitscan::test::ScratchDir;
using oitscan::test::shell_quote;

namespace {

std::vector<nlohmann::json> warcio_dump(const std::filesystem::path& file) {
  const std::string tools = std::string(OITSCAN_TEST_SOURCE_DIR) + "/tests/tools";
  INFO("needs node and tests/tools/node_modules: run scripts/install-deps.sh (npm ci --prefix tests/tools)");
  REQUIRE(std::filesystem::exists(tools + "/node_modules/warcio/package.json"));
  const auto r = run_command("node " + shell_quote(tools + "/warc_dump.mjs") + " " + shell_quote(file.string()));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

void crosscheck(const oitscan::test::SampleArchive& sample) {
  const auto dumped = warcio_dump(sample.file);
  REQUIRE(dumped.size() == sample.in_order.size());
  for (std::size_t i = 0; i < dumped.size(); ++i) {
    const auto& j = dumped[i];
    const auto& ref = sample.in_order[i];
    INFO("record " << i << ": " << j.dump());
    CHECK(j["version"] == "WARC/1.1");
    CHECK(j["type"] == ref.type);
    CHECK(j["record_id"] == ref.record_id);
    CHECK(j["offset"].get<std::uint64_t>() == ref.offset);
    CHECK(j["content_length"] == j["block_length"]);
    CHECK(j["block_digest_ok"] == true);
    if (ref.type == "response" || ref.type == "conversion" || ref.type == "metadata") {
      CHECK(j["payload_digest_ok"] == true);
      CHECK(j["payload_digest"] == ref.payload_sha1);
      CHECK(j["payload_sha256"] == ref.payload_sha256);
    }
    if (i > 0) CHECK(j["warcinfo_id"] == sample.warcinfo_id);
  }
  auto find = [&](const std::string& id) {
    for (const auto& j : dumped) {
      if (j["record_id"] == id) return j;
    }
    FAIL("record " << id << " not seen by warcio");
    return nlohmann::json();
  };
  const auto html = find(sample.html.response.record_id);
  CHECK(html["http_status"] == 200);
  CHECK(html["target_uri"] == "https://www.example.go.th/bangna/about");
  CHECK(html["payload_length"] == sample.thai_body.size());
  CHECK(html["concurrent_to"] == sample.html.request->record_id);
  CHECK(find(sample.pdf.response.record_id)["payload_length"] == sample.pdf_body.size());
  CHECK(find(sample.truncated.response.record_id)["truncated"] == "length");

  const auto nm = find(sample.not_modified.response.record_id);
  CHECK(nm["type"] == "revisit");
  CHECK(nm["http_status"] == 304);
  CHECK(nm["profile"] == "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
  CHECK(nm["refers_to"] == sample.html.response.record_id);
  CHECK(nm["refers_to_date"] == "2026-11-20T01:00:00Z");
  const auto same = find(sample.unchanged_pdf.response.record_id);
  CHECK(same["profile"] == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
  CHECK(same["payload_digest"] == sample.pdf.response.payload_sha1);

  const auto conv = find(sample.conversion.record_id);
  CHECK(conv["text"] == sample.converted_text);
  CHECK(conv["refers_to"] == sample.pdf.response.record_id);
  CHECK(find(sample.metadata.record_id)["text"] == sample.metadata_json);
}

}  // namespace

TEST_CASE("warcio reads our .warc.gz: same records, offsets and verifying digests", "[archive][warcio]") {
  ScratchDir dir("warcio");
  crosscheck(oitscan::test::write_sample_archive(dir / "evidence.warc.gz"));
}

TEST_CASE("warcio reads our plain .warc the same way", "[archive][warcio]") {
  ScratchDir dir("warcio");
  crosscheck(oitscan::test::write_sample_archive(dir / "evidence.warc"));
}

TEST_CASE("warcio notices a wrong Content-Length, so the crosscheck can fail", "[archive][warcio]") {
  ScratchDir dir("warcio");
  const std::string good = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:11111111-1111-4111-8111-111111111111>\r\n"
                           "WARC-Date: 2026-11-21T01:00:00Z\r\nContent-Length: 4\r\n\r\nabcdefgh\r\n\r\n";
  oitscan::test::write_file(dir / "bad.warc", good);
  const std::string tools = std::string(OITSCAN_TEST_SOURCE_DIR) + "/tests/tools";
  const auto r = run_command("node " + shell_quote(tools + "/warc_dump.mjs") + " " + shell_quote((dir / "bad.warc").string()) + " 2>/dev/null");
  CHECK(r.exit_code != 0);
  CHECK_THROWS_AS(WarcReader(dir / "bad.warc").next(), WarcFormatError);
}

TEST_CASE("gzip tools see one valid member per record", "[archive][gzip]") {
  ScratchDir dir("gzip");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");
  const std::string f = shell_quote(sample.file.string());
  CHECK(run_command("gzip -t " + f).exit_code == 0);
  const auto head = run_command("zcat " + f + " | head -c 31");
  CHECK(head.out == "WARC/1.1\r\nWARC-Type: warcinfo\r\n");

  // Cut out just the PDF response's member by its offsets and decompress it alone.
  const std::uint64_t start = sample.pdf.response.offset;
  const std::uint64_t end = sample.pdf.request->offset;  // the member after it
  const auto member = run_command("tail -c +" + std::to_string(start + 1) + " " + f + " | head -c " +
                                  std::to_string(end - start) + " | gzip -dc");
  REQUIRE(member.out.rfind("WARC/1.1\r\nWARC-Type: response\r\n", 0) == 0);
  CHECK(member.out.find(sample.pdf_body) != std::string::npos);
  CHECK(member.out.size() > sample.pdf_body.size());
  CHECK(member.out.substr(member.out.size() - 4) == "\r\n\r\n");

  // An auditor's check with standard tools: cut the body out of the decompressed member (after
  // the WARC header's and the HTTP head's blank lines, before the closing CRLF CRLF) and hash it.
  const std::size_t warc_head_end = member.out.find("\r\n\r\n") + 4;
  const std::size_t http_head_end = member.out.find("\r\n\r\n", warc_head_end) + 4;
  oitscan::test::write_file(dir / "body.bin",
                            member.out.substr(http_head_end, member.out.size() - 4 - http_head_end));
  const auto sum = run_command("sha256sum " + shell_quote((dir / "body.bin").string()) + " | cut -c1-64");
  CHECK(sum.out == sample.pdf.response.payload_sha256 + "\n");
  CHECK(member.out.find("X-Oitscan-Payload-SHA256: " + sample.pdf.response.payload_sha256 + "\r\n") != std::string::npos);
}

TEST_CASE("the auditor's standard-library script verifies every record by its offset", "[archive][auditor]") {
  ScratchDir dir("auditor");
  const auto sample = oitscan::test::write_sample_archive(dir / "evidence.warc.gz");
  const std::string script = std::string(OITSCAN_TEST_SOURCE_DIR) + "/tests/tools/warc_record_digest.py";
  std::string offsets;
  for (const auto& ref : sample.in_order) offsets += " " + std::to_string(ref.offset);
  const auto r = run_command("python3 " + shell_quote(script) + " " + shell_quote(sample.file.string()) + offsets);
  CHECK(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    REQUIRE(n < sample.in_order.size());
    const auto& ref = sample.in_order[n];
    INFO(ref.type << " at " << ref.offset);
    const auto j = nlohmann::json::parse(line);
    CHECK(j["record_id"] == ref.record_id);
    CHECK(j["block_digest"] == ref.block_sha1);
    CHECK(j["block_digest_computed"] == ref.block_sha1);
    if (ref.type == "response") CHECK(j["payload_sha256_computed"] == ref.payload_sha256);
  }
  CHECK(n == sample.in_order.size());
  // A flipped byte inside the PDF body is caught.
  std::string plain_bytes;
  const auto plain = oitscan::test::write_sample_archive(dir / "plain.warc");
  plain_bytes = oitscan::test::read_file(plain.file);
  plain_bytes[plain.pdf.response.offset + 2000] = static_cast<char>(plain_bytes[plain.pdf.response.offset + 2000] ^ 1);
  oitscan::test::write_file(plain.file, plain_bytes);
  CHECK(run_command("python3 " + shell_quote(script) + " " + shell_quote(plain.file.string()) + " " +
                    std::to_string(plain.pdf.response.offset) + " >/dev/null")
            .exit_code == 1);
}
