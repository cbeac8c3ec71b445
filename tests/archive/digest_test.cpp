#include <catch2/catch.hpp>

#include "archive/digest.hpp"
#include "archive/warc_fields.hpp"

using namespace oitscan::archive;

TEST_CASE("base32 follows the RFC 4648 test vectors", "[archive][digest]") {
  CHECK(base32_encode("") == "");
  CHECK(base32_encode("f") == "MY======");
  CHECK(base32_encode("fo") == "MZXQ====");
  CHECK(base32_encode("foo") == "MZXW6===");
  CHECK(base32_encode("foob") == "MZXW6YQ=");
  CHECK(base32_encode("fooba") == "MZXW6YTB");
  CHECK(base32_encode("foobar") == "MZXW6YTBOI======");
}

TEST_CASE("digests are labelled as WARC files conventionally carry them", "[archive][digest]") {
  // SHA-1 of the empty string is da39a3ee5e6b4b0d3255bfef95601890afd80709.
  const Digests empty = digest_of("");
  CHECK(empty.sha1_label == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  CHECK(empty.sha256_hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(digest_of("abc").sha256_hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  DualHasher chunked;  // incremental hashing equals one-shot hashing
  chunked.update("สำนักงาน");
  chunked.update("เขตบางนา");
  chunked.finish();
  CHECK(chunked.sha1_label() == digest_of("สำนักงานเขตบางนา").sha1_label);
  CHECK(chunked.sha256_hex() == digest_of("สำนักงานเขตบางนา").sha256_hex);
}

TEST_CASE("record ids are random version 4 UUID URNs", "[archive][fields]") {
  const std::string a = new_record_id();
  const std::string b = new_record_id();
  CHECK(a != b);
  REQUIRE(a.size() == std::string("<urn:uuid:00000000-0000-4000-8000-000000000000>").size());
  CHECK(a.rfind("<urn:uuid:", 0) == 0);
  CHECK(a.back() == '>');
  CHECK(a[24] == '4');                                      // version nibble
  CHECK(std::string("89ab").find(a[29]) != std::string::npos);  // RFC 4122 variant
}

TEST_CASE("WARC-Date accepts second or finer precision UTC only", "[archive][fields]") {
  CHECK(is_warc_date("2026-11-21T01:00:00Z"));
  CHECK(is_warc_date("2026-11-21T01:00:00.123456Z"));
  CHECK(is_warc_date(warc_date_now()));
  CHECK_FALSE(is_warc_date("2026-11-21T01:00Z"));
  CHECK_FALSE(is_warc_date("2026-11-21T01:00:00+07:00"));
  CHECK_FALSE(is_warc_date("2026-11-21 01:00:00Z"));
  CHECK_FALSE(is_warc_date("2026-11-21T01:00:00.Z"));
}

TEST_CASE("header values cannot smuggle extra header lines", "[archive][fields]") {
  WarcFields f;
  CHECK_THROWS_AS(f.add("WARC-Target-URI", "http://x/\r\nWARC-Type: metadata"), std::invalid_argument);
  CHECK_THROWS_AS(f.add("Bad Name", "v"), std::invalid_argument);
  CHECK_THROWS_AS(f.add("X", std::string("a\0b", 3)), std::invalid_argument);
  f.add("X-Oitscan-Note", "ภาษาไทย ok");
  CHECK(f.serialize() == "X-Oitscan-Note: ภาษาไทย ok\r\n");
  CHECK(f.get("x-oitscan-note") == "ภาษาไทย ok");
}

TEST_CASE("target URIs are percent-encoded where raw bytes are not allowed", "[archive][fields]") {
  CHECK(warc_uri("https://www.example.go.th/a b") == "https://www.example.go.th/a%20b");
  CHECK(warc_uri("https://x.go.th/ข่าว") == "https://x.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7");
  CHECK(warc_uri("https://x.go.th/%E0%B8%82?q=1#f") == "https://x.go.th/%E0%B8%82?q=1#f");
  CHECK(warc_uri("http://x/\r\n") == "http://x/%0D%0A");
}
