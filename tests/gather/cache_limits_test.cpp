// The cache folder is bounded (issue 11, finding 10): entries unused for longer than the age limit
// go, and beyond the size limit the least recently used go first, whichever stage wrote them.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/time.h>

#include "common/digest.hpp"
#include "fetch/response_cache.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace oitscan;

namespace {

fetch::Response response(const std::string& url, std::string body) {
  fetch::Response r;
  r.url = url;
  r.final_url = url;
  r.http_status = 200;
  r.headers = {{"ETag", "\"v1\""}};
  r.sha256 = sha256_hex(body);
  r.body = std::move(body);
  return r;
}

// Sets a file's modification time (what the cache reads as its last use) to `days` ago.
void age(const fs::path& file, int days) {
  struct timeval times[2];
  ::gettimeofday(&times[0], nullptr);
  times[0].tv_sec -= days * 86400L;
  times[1] = times[0];
  REQUIRE(::utimes(file.c_str(), times) == 0);
}

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1u : 0u;
  return n;
}

}  // namespace

TEST_CASE("response cache: entries unused past the age limit are removed, used ones kept", "[gather][cache]") {
  test::ScratchDir dir("cache-age");
  const fs::path cache_dir = dir.path() / "cache";
  {
    fetch::ResponseCache cache(cache_dir);
    cache.store("http://a.test/old.pdf", response("http://a.test/old.pdf", std::string(1000, 'o')));
    cache.store("http://a.test/new.pdf", response("http://a.test/new.pdf", std::string(1000, 'n')));
    fs::create_directories(cache_dir / "extracted");
    test::write_file(cache_dir / "extracted" / "stale.doc", "x");
  }
  REQUIRE(files_in(cache_dir) == 5);
  // old.pdf and the stale reading were last used 61 days ago; new.pdf yesterday.
  for (const auto& e : fs::recursive_directory_iterator(cache_dir)) {
    if (e.is_regular_file()) age(e.path(), 61);
  }
  const fs::path fresh = cache_dir / sha256_hex("http://a.test/new.pdf");
  age(fresh.string() + ".json", 1);
  age(fresh.string() + ".body", 1);
  fetch::ResponseCache reopened(cache_dir);  // opening prunes
  CHECK_FALSE(reopened.lookup("http://a.test/old.pdf").has_value());
  CHECK(reopened.lookup("http://a.test/new.pdf").has_value());
  CHECK_FALSE(fs::exists(cache_dir / "extracted" / "stale.doc"));
  CHECK(files_in(cache_dir) == 2);
}

TEST_CASE("response cache: over the size limit the least recently used go first", "[gather][cache]") {
  test::ScratchDir dir("cache-size");
  const fs::path cache_dir = dir.path() / "cache";
  fetch::CacheLimits limits;
  limits.max_bytes = 45000;  // room for two 20,000-byte bodies and their metadata, not three
  {
    fetch::ResponseCache cache(cache_dir, limits);
    for (const char* name : {"a", "b", "c"}) {
      const std::string url = std::string("http://a.test/") + name + ".pdf";
      cache.store(url, response(url, std::string(20000, name[0])));
    }
  }
  // a was used 3 days ago, b 2 days ago, c yesterday; then a is looked up (used now).
  int days = 3;
  for (const char* name : {"a", "b", "c"}) {
    const fs::path base = cache_dir / sha256_hex(std::string("http://a.test/") + name + ".pdf");
    age(base.string() + ".json", days);
    age(base.string() + ".body", days);
    --days;
  }
  REQUIRE(fetch::ResponseCache(cache_dir, {}, false).lookup("http://a.test/a.pdf").has_value());
  const auto report = fetch::ResponseCache(cache_dir, limits, false).prune();
  CHECK(report.bytes_kept <= limits.max_bytes);
  CHECK(report.files_removed >= 1);  // b's body (and its metadata, if that went first)
  fetch::ResponseCache view(cache_dir, {}, false);
  CHECK(view.lookup("http://a.test/a.pdf").has_value());
  CHECK_FALSE(view.lookup("http://a.test/b.pdf").has_value());
  CHECK(view.lookup("http://a.test/c.pdf").has_value());
}

TEST_CASE("response cache: the capture of a body is remembered, and forgotten when the body changes", "[gather][cache]") {
  test::ScratchDir dir("cache-capture");
  fetch::ResponseCache cache(dir.path() / "cache");
  const std::string url = "http://a.test/o1.pdf";
  auto r = response(url, "first body");
  cache.store(url, r);
  CHECK_FALSE(cache.capture_of(url).has_value());
  cache.remember_capture(url, {"<urn:uuid:1>", url, "2026-11-20T01:00:00Z", "sha1:AAAA", r.sha256});
  REQUIRE(cache.capture_of(url).has_value());
  CHECK(cache.lookup(url)->capture->record_id == "<urn:uuid:1>");
  // New validators, same bytes: the capture still stands.
  r.headers = {{"ETag", "\"v2\""}};
  cache.store(url, r);
  CHECK(cache.capture_of(url).has_value());
  // A capture of other bytes is not recorded; new bytes drop the old capture.
  cache.remember_capture(url, {"<urn:uuid:2>", url, "2026-11-21T01:00:00Z", "sha1:BBBB", sha256_hex("other")});
  CHECK(cache.capture_of(url)->record_id == "<urn:uuid:1>");
  cache.store(url, response(url, "second body"));
  CHECK_FALSE(cache.capture_of(url).has_value());
}
