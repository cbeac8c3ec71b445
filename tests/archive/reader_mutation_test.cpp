// Hostile archives: thousands of damaged variants of a valid file (bytes flipped, cut, inserted,
// lengths rewritten). Each must read as records or fail with WarcFormatError naming the file;
// nothing else (no crash, no hang, no other exception; ASan/UBSan watch the memory).
#include <catch2/catch.hpp>

#include <random>

#include "archive/warc_reader.hpp"
#include "archive/warc_writer.hpp"
#include "support/test_support.hpp"

using namespace oitscan::archive;
using oitscan::test::read_file;
using oitscan::test::ScratchDir;
using oitscan::test::write_file;

namespace {

void write_small_archive(const std::filesystem::path& file) {
  WarcWriter w(file);
  HttpExchange ex;
  ex.target_uri = "https://www.example.go.th/bangna/about";
  ex.fetched_at = "2026-11-21T01:00:00Z";
  ex.request_head = "GET /bangna/about HTTP/1.1\r\nHost: www.example.go.th\r\n\r\n";
  ex.status = 200;
  ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
  ex.body = "<p>สำนักงานเขตบางนา</p>\r\n\r\n\x01\x02\xff";
  const auto refs = w.write_exchange(ex);
  ex.fetched_at = "2026-11-22T01:00:00Z";
  ex.status = 304;
  ex.response_head = "HTTP/1.1 304 Not Modified\r\n\r\n";
  ex.body.clear();
  w.write_not_modified(ex, {refs.response.record_id, ex.target_uri, "2026-11-21T01:00:00Z", refs.response.payload_sha1, ""});
  w.write_conversion({ex.target_uri, refs.response.record_id, "", "สำนักงานเขตบางนา", "text/plain; charset=utf-8", {}});
  w.write_metadata({"urn:oitscan:bangna:O1", refs.response.record_id, {}, "", "{\"verdict\":\"pass\"}", "application/json", {}});
}

std::string mutate(std::string bytes, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  switch (pick(5)) {
    case 0:  // flip a few bytes
      for (std::size_t i = 0, n = 1 + pick(8); i < n; ++i) bytes[pick(bytes.size())] = static_cast<char>(pick(256));
      break;
    case 1:  // cut the file
      bytes.resize(pick(bytes.size()));
      break;
    case 2:  // insert junk
      bytes.insert(pick(bytes.size()), std::string(1 + pick(40), static_cast<char>(pick(256))));
      break;
    case 3: {  // rewrite a Content-Length (plain files only have readable ones)
      const std::size_t at = bytes.find("Content-Length: ", pick(bytes.size()));
      if (at != std::string::npos) {
        static const char* lengths[] = {"0", "1", "99999999999", "-5", "18446744073709551616", "12x", ""};
        const std::size_t end = bytes.find("\r\n", at);
        bytes.replace(at + 16, end - at - 16, lengths[pick(7)]);
      }
      break;
    }
    default:  // duplicate a slice (records glued or repeated)
      if (bytes.size() > 2) {
        const std::size_t from = pick(bytes.size() - 1);
        bytes.insert(pick(bytes.size()), bytes.substr(from, 1 + pick(bytes.size() - from)));
      }
  }
  return bytes;
}

// Reads every record; true when the file was refused with WarcFormatError.
bool read_or_refuse(const std::filesystem::path& file) {
  try {
    WarcReader reader(file, {4 * 1024 * 1024, 64 * 1024});
    while (auto rec = reader.next()) (void)verify_digests(*rec);
  } catch (const WarcFormatError& e) {
    CHECK(std::string(e.what()).find(file.string()) == 0);
    return true;
  }
  return false;
}

}  // namespace

TEST_CASE("damaged archives are read or refused, never anything else", "[archive][reader][mutation]") {
  for (const std::string name : {"small.warc.gz", "small.warc"}) {
    INFO(name);
    ScratchDir dir("mutate");
    write_small_archive(dir / name);
    const std::string good = read_file(dir / name);
    CHECK_FALSE(read_or_refuse(dir / name));
    std::mt19937 rng(20261122);  // fixed seed: the same variants every run
    int refused = 0;
    for (int i = 0; i < 300; ++i) {
      write_file(dir / "variant", mutate(good, rng));
      INFO("variant " << i);
      refused += read_or_refuse(dir / "variant") ? 1 : 0;
    }
    CHECK(refused > 75);  // the mutations really damage the files
  }
}
