// Unit tests of the fetch stage's hardening parts: the content decoder (a body is whole only
// when its coded stream ended) and the URL guard (every literal spelling of an address judged
// as that address, refused schemes).
#include <catch2/catch.hpp>

#include <brotli/encode.h>
#include <zlib.h>

#include <random>
#include <string>

#include "fetch/content_decoder.hpp"
#include "fetch/outcome.hpp"
#include "fetch/url_guard.hpp"

using namespace oitscan::fetch;

namespace {

std::string zlib_compress(const std::string& in, int window_bits) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string brotli(const std::string& in) {
  std::string out(BrotliEncoderMaxCompressedSize(in.size()) + 64, '\0');
  std::size_t n = out.size();
  REQUIRE(BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                                reinterpret_cast<const std::uint8_t*>(in.data()), &n,
                                reinterpret_cast<std::uint8_t*>(out.data())));
  out.resize(n);
  return out;
}

// Text that does not compress to nothing, so that half a stream is really half.
std::string sample_text() {
  std::mt19937 rng(7);
  std::string s;
  for (int i = 0; i < 20000; ++i) s += "ประกาศ ข้อมูล 2568 "[rng() % 20];
  return s;
}

// Feeds `coded` in pieces of `step` bytes; returns the decoded text, and whether it was complete.
std::pair<std::string, bool> decode(const std::string& coding, const std::string& coded, std::size_t step,
                                    std::size_t limit = 1u << 24) {
  ContentDecoder d(coding);
  std::string out;
  for (std::size_t off = 0; off < coded.size(); off += step) {
    if (!d.feed(std::string_view(coded).substr(off, step), out, limit)) return {out, false};
  }
  return {out, d.complete()};
}

}  // namespace

TEST_CASE("every offered content coding decodes whole streams, in any piece size") {
  const std::string text = sample_text();
  const std::pair<const char*, std::string> cases[] = {
      {"gzip", zlib_compress(text, 31)}, {"x-gzip", zlib_compress(text, 31)}, {"deflate", zlib_compress(text, 15)},
      {"deflate", zlib_compress(text, -15)}, {"br", brotli(text)}, {"BR", brotli(text)}, {"identity", text}, {"", text}};
  for (const auto& [coding, coded] : cases) {
    for (std::size_t step : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, coded.size()}) {
      INFO(coding << " in pieces of " << step);
      const auto [out, complete] = decode(coding, coded, step);
      CHECK(complete);
      CHECK(out == text);
    }
  }
}

TEST_CASE("a coded stream cut anywhere before its end is incomplete, never a whole body") {
  const std::string text = sample_text();
  const std::pair<const char*, std::string> cases[] = {
      {"gzip", zlib_compress(text, 31)}, {"deflate", zlib_compress(text, 15)}, {"deflate", zlib_compress(text, -15)},
      {"br", brotli(text)}};
  for (const auto& [coding, coded] : cases) {
    for (std::size_t cut : {std::size_t{1}, std::size_t{2}, std::size_t{10}, coded.size() / 2, coded.size() - 1}) {
      INFO(coding << " cut to " << cut << " of " << coded.size() << " bytes");
      ContentDecoder d(coding);
      std::string out;
      const bool fed = d.feed(std::string_view(coded).substr(0, cut), out, 1u << 24);
      CHECK_FALSE((fed && d.complete()));
      if (fed) CHECK_THAT(d.problem(), Catch::Contains("ends before its end marker"));
      if (cut <= coded.size() / 2) CHECK(out.size() < text.size());  // (near the end only the trailer is missing)
    }
  }
}

TEST_CASE("stacked codings decode in reverse order of application; concatenated gzip members are one body") {
  const std::string text = sample_text();
  const auto [out, complete] = decode("deflate, br", brotli(zlib_compress(text, 15)), 333);
  CHECK(complete);
  CHECK(out == text);
  const std::string two = zlib_compress("first half ", 31) + zlib_compress("second half", 31);
  const auto [both, whole] = decode("gzip", two, 5);
  CHECK(whole);
  CHECK(both == "first half second half");
  // The second member cut short: incomplete.
  const auto [part, whole2] = decode("gzip", two.substr(0, two.size() - 3), 5);
  CHECK_FALSE(whole2);
}

TEST_CASE("corrupt data, unknown codings and bombs are refused with the reason") {
  ContentDecoder bad("gzip");
  std::string out;
  CHECK_FALSE(bad.feed("\x1f\x8b\x07\x01 a gzip header with an unknown method", out, 1000));
  CHECK_FALSE(bad.complete());
  CHECK_THAT(bad.problem(), Catch::Contains("gzip data is corrupt"));

  ContentDecoder zstd("zstd");
  CHECK_FALSE(zstd.feed("(\xb5/\xfd", out, 1000));
  CHECK_THAT(zstd.problem(), Catch::Contains("unknown content coding `zstd`"));

  ContentDecoder unused("zstd");  // no body at all (304, HEAD): nothing to judge
  CHECK(unused.complete());

  const std::string bomb = zlib_compress(std::string(50u << 20, '\0'), 31);
  ContentDecoder d("gzip");
  std::string big;
  CHECK_FALSE(d.feed(bomb, big, 1u << 20));
  CHECK(d.over_limit());
  CHECK(big.size() == (1u << 20));
}

TEST_CASE("literal hosts are read in every spelling a resolver or browser accepts") {
  const char* loopback[] = {"127.0.0.1", "127.0.0.1.", "127.1", "0x7f.0.0.1", "0x7F.1", "2130706433", "0177.0.0.1",
                            "0x7f000001", "%31%32%37.0.0.1", "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x97.0.0.1" /* fullwidth 127 */,
                            "127.0.0.1\xE3\x80\x82" /* ideographic full stop */, "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
                            "[::1]", "[0:0:0:0:0:0:0:1]"};
  for (const char* host : loopback) {
    INFO(host);
    const auto a = literal_host_address(host);
    REQUIRE(a.has_value());
    CHECK_FALSE(address_refusal(*a, FetchOptions{}).empty());
  }
  CHECK(literal_host_address("10.1")->to_string() == "10.0.0.1");
  CHECK(literal_host_address("0xa.0x1.0x2.0x3")->to_string() == "10.1.2.3");
  const char* names[] = {"www.example.go.th", "www.example.go.th.", "127.0.0.1.example", "deadbeef", "1.2.3.4.5",
                         "256.1.1.1.", "xn--12c1b5ab8a.com"};
  for (const char* host : names) {
    INFO(host);
    CHECK_FALSE(literal_host_address(host).has_value());
  }
}

TEST_CASE("the URL guard refuses other schemes and forbidden literals, and honours the exemptions") {
  FetchOptions o;
  CHECK_THAT(url_refusal("file:///etc/passwd", o), Catch::Contains("refused scheme `file:`"));
  CHECK_THAT(url_refusal("Gopher://127.0.0.1:70/_x", o), Catch::Contains("refused scheme `gopher:`"));
  CHECK_THAT(url_refusal("ftp://ftp.example.go.th/a.pdf", o), Catch::Contains("refused scheme `ftp:`"));
  CHECK_THAT(url_refusal("http://127.0.0.1.:8080/", o), Catch::Contains("loopback address 127.0.0.1"));
  CHECK_THAT(url_refusal("https://0x7f.1/", o), Catch::Contains("loopback address 127.0.0.1"));
  CHECK_THAT(url_refusal("http://169.254.169.254./latest", o), Catch::Contains("metadata address 169.254.169.254"));
  CHECK_THAT(url_refusal("http://[::ffff:10.0.0.1]/", o), Catch::Contains("private address"));
  CHECK(url_refusal("https://www.example.go.th./o1.pdf", o).empty());
  CHECK(url_refusal("http://203.0.113.7.:8080/", o).empty());  // a public literal with a trailing dot is fine
  o.allow_private = true;
  CHECK(url_refusal("http://127.0.0.1.:8080/", o).empty());
  CHECK_FALSE(url_refusal("file:///etc/passwd", o).empty());  // a scheme is never exempt
  FetchOptions one;
  one.allowed_addresses = {"127.0.0.1"};
  CHECK(url_refusal("http://127.1:8080/", one).empty());
  CHECK_FALSE(url_refusal("http://127.0.0.2/", one).empty());
}

TEST_CASE("truncated is an outcome of the contract, unverifiable") {
  CHECK(to_string(Outcome::truncated) == "truncated");
  CHECK(outcome_from_string("truncated") == Outcome::truncated);
  CHECK(evidence_class(Outcome::truncated, 200) == EvidenceClass::unverifiable);
}
