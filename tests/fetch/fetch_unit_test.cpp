// Unit tests of the fetch stage's pure parts: address policy, URL keys, outcome table, header
// helpers, the politeness frontier, page signals, the cache and the JSON line.
#include <catch2/catch.hpp>

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "fetch/address_policy.hpp"
#include "common/digest.hpp"
#include "common/time.hpp"
#include "fetch/header_values.hpp"
#include "fetch/host_frontier.hpp"
#include "fetch/outcome.hpp"
#include "fetch/not_found_text.hpp"
#include "fetch/page_signals.hpp"
#include "common/input_error.hpp"
#include "fetch/response_cache.hpp"
#include "fetch/response_json.hpp"
#include "fetch/robots.hpp"
#include "fetch/url_key.hpp"

using namespace oitscan::fetch;
using oitscan::iso8601_utc;
using oitscan::sha256_hex;
using std::chrono::milliseconds;

namespace {
std::string reason(const char* ip) { return std::string(forbidden_reason(boost::asio::ip::make_address(ip))); }
}  // namespace

TEST_CASE("address policy refuses loopback, private, link-local, multicast and metadata, v4 and v6", "[fetch][ssrf]") {
  CHECK(reason("127.0.0.1") == "loopback");
  CHECK(reason("127.255.0.9") == "loopback");
  CHECK(reason("10.0.0.1") == "private");
  CHECK(reason("172.16.5.4") == "private");
  CHECK(reason("172.31.255.255") == "private");
  CHECK(reason("192.168.1.1") == "private");
  CHECK(reason("100.64.0.1") == "private");
  CHECK(reason("169.254.169.254") == "metadata");
  CHECK(reason("100.100.100.200") == "metadata");
  CHECK(reason("169.254.1.1") == "link-local");
  CHECK(reason("224.0.0.1") == "multicast");
  CHECK(reason("0.0.0.0") == "unspecified");
  CHECK(reason("255.255.255.255") == "reserved");
  CHECK(reason("::1") == "loopback");
  CHECK(reason("::") == "unspecified");
  CHECK(reason("fe80::1") == "link-local");
  CHECK(reason("fd12:3456::1") == "private");
  CHECK(reason("fd00:ec2::254") == "metadata");
  CHECK(reason("ff02::1") == "multicast");
  CHECK(reason("::ffff:127.0.0.1") == "loopback");   // v4-mapped
  CHECK(reason("::ffff:169.254.169.254") == "metadata");
  CHECK(reason("::ffff:10.0.0.1") == "private");
  CHECK(reason("64:ff9b::a00:1") == "private");        // NAT64 of 10.0.0.1
  // Public addresses pass.
  CHECK(reason("8.8.8.8").empty());
  CHECK(reason("172.32.0.1").empty());
  CHECK(reason("203.113.5.1").empty());
  CHECK(reason("2001:4860:4860::8888").empty());
  CHECK(reason("::ffff:8.8.8.8").empty());
}

TEST_CASE("URLs are normalised for de-duplication and keyed per host", "[fetch][url]") {
  auto a = parse_http_url("HTTP://WWW.Example.go.th:80/a/./b/../c#frag");
  REQUIRE(a);
  CHECK(a->normalized == "http://www.example.go.th/a/c");
  CHECK(a->host_key == "http://www.example.go.th:80");
  CHECK(a->origin == "http://www.example.go.th");
  auto b = parse_http_url("https://[::1]:8443/x");
  REQUIRE(b);
  CHECK(b->host_key == "https://[::1]:8443");
  CHECK(b->origin == "https://[::1]:8443");
  CHECK(parse_http_url("https://x.go.th")->normalized == "https://x.go.th/");
  CHECK_FALSE(parse_http_url("ftp://x/"));
  CHECK_FALSE(parse_http_url("/relative"));
  CHECK_FALSE(parse_http_url("not a url"));
  // What people paste: raw Thai paths and spaces, internationalised host names, stray percent signs.
  auto thai = parse_http_url("https://www.example.go.th/ข่าว/ประกาศ 2568.pdf?ปี=2568#หน้า");
  REQUIRE(thai);
  CHECK(thai->normalized ==
        "https://www.example.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/"
        "%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8%202568.pdf?%E0%B8%9B%E0%B8%B5=2568");
  auto idn = parse_http_url("http://กทม.ไทย:8080/o1");
  REQUIRE(idn);
  CHECK(idn->normalized == "http://xn--12c8b4a.xn--o3cw4h:8080/o1");
  CHECK(idn->host_key == "http://xn--12c8b4a.xn--o3cw4h:8080");
  CHECK(parse_http_url("http://h/100%.pdf")->normalized == "http://h/100%25.pdf");
  CHECK(parse_http_url("http://h/a%20b")->normalized == "http://h/a%20b");  // escapes are kept
  CHECK(ascii_url("http://user@h/x y") == "http://user@h/x%20y");
  CHECK(resolve_reference("http://h/a/b", "/ข่าว") == "http://h/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7");
  CHECK(resolve_reference("http://h/a/b", "../c?d") == "http://h/c?d");
  CHECK(resolve_reference("http://h/a/b", "https://o/x") == "https://o/x");
}

TEST_CASE("the outcome table covers the contract's outcomes with Thai and English texts", "[fetch][outcome]") {
  const std::vector<std::string> contract = {"ok", "not-modified", "http-error", "timeout", "dns-error", "connect-error",
                                             "tls-error", "too-many-redirects", "too-large", "blocked-address",
                                             "robots-disallowed", "rate-limited", "interstitial", "soft-404"};
  std::set<std::string> seen;
  for (const auto& code : contract) {
    auto o = outcome_from_string(code);
    REQUIRE(o);
    CHECK(to_string(*o) == code);
    CHECK(outcome_info(*o).outcome == *o);
    CHECK_FALSE(outcome_info(*o).message_th.empty());
    CHECK_FALSE(outcome_info(*o).message_en.empty());
    seen.insert(std::string(outcome_info(*o).message_en));
  }
  CHECK(seen.size() == contract.size());
  CHECK_FALSE(outcome_from_string("fine"));
  // Network-class outcomes leave a requirement unverified; a 404 or soft-404 is a missing document.
  for (auto o : {Outcome::timeout, Outcome::dns_error, Outcome::connect_error, Outcome::tls_error,
                 Outcome::rate_limited, Outcome::blocked_address})
    CHECK(evidence_class(o, 0) == EvidenceClass::unverifiable);
  CHECK(evidence_class(Outcome::http_error, 404) == EvidenceClass::missing);
  CHECK(evidence_class(Outcome::http_error, 410) == EvidenceClass::missing);
  CHECK(evidence_class(Outcome::http_error, 403) == EvidenceClass::unverifiable);
  CHECK(evidence_class(Outcome::http_error, 500) == EvidenceClass::unverifiable);
  CHECK(evidence_class(Outcome::soft_404, 200) == EvidenceClass::missing);
  CHECK(evidence_class(Outcome::interstitial, 200) == EvidenceClass::missing);  // public documents may not sit behind walls
  CHECK(evidence_class(Outcome::ok, 200) == EvidenceClass::obtained);
  CHECK(evidence_class(Outcome::not_modified, 304) == EvidenceClass::obtained);
}

TEST_CASE("header helpers: Retry-After, charset label, timestamps, digests", "[fetch][headers]") {
  const auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
  CHECK(parse_retry_after("120", now) == milliseconds(120'000));
  CHECK(parse_retry_after(" 0 ", now) == milliseconds(0));
  CHECK(parse_retry_after("Tue, 14 Nov 2023 22:15:20 GMT", now) == milliseconds(120'000));  // 1700000120
  CHECK(parse_retry_after("Tue, 14 Nov 2000 22:15:20 GMT", now) == milliseconds(0));      // in the past
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK(charset_label("text/html; charset=TIS-620") == "TIS-620");
  CHECK(charset_label("text/html;Charset=\"windows-874\"; q=1") == "windows-874");
  CHECK(charset_label("text/html").empty());
  CHECK(iso8601_utc(now) == "2023-11-14T22:13:20Z");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("frontier: per-host and global caps, round robin, adaptive delay, back-off", "[fetch][frontier]") {
  using Clock = HostFrontier::Clock;
  const auto t0 = Clock::now();
  HostFrontier f({2, 3, milliseconds(0), milliseconds(5000), true});
  for (std::size_t i = 0; i < 4; ++i) f.push("a", i);
  for (std::size_t i = 10; i < 12; ++i) f.push("b", i);
  auto r1 = f.take_ready(t0);
  auto r2 = f.take_ready(t0);
  auto r3 = f.take_ready(t0);
  REQUIRE(r1);
  REQUIRE(r2);
  REQUIRE(r3);
  CHECK(r1->host != r2->host);  // round robin
  CHECK_FALSE(f.take_ready(t0));  // global cap 3
  CHECK(f.active() == 3);
  f.finished(r1->host, milliseconds(800));  // latency 800 ms, 2 per host: target 400, halfway: 200
  CHECK(f.delay(r1->host) == milliseconds(200));
  // The host that just finished must now wait its delay; the other may still have a free slot.
  const std::string other = r1->host == "a" ? "b" : "a";
  auto r4 = f.take_ready(t0);
  if (r4) CHECK(r4->host == other);
  CHECK(f.active("a") <= 2);
  CHECK(f.active("b") <= 2);
  // Back-off holds the host until the given time, and a slow-down doubles the delay (at least 1 s).
  f.back_off("a", t0 + milliseconds(3000), true);
  CHECK(f.delay("a") >= milliseconds(1000));
  while (f.active("a") > 0) f.finished("a", milliseconds(0));
  auto r5 = f.take_ready(t0 + milliseconds(2999));
  CHECK((!r5 || r5->host != "a"));
  auto wake = f.next_wakeup(t0 + milliseconds(10));
  REQUIRE(wake);
  CHECK(*wake >= t0 + milliseconds(3000));
  // A host that is ready but capped does not ask for a wake-up (that would spin the event loop).
  HostFrontier capped({1, 1, milliseconds(0), milliseconds(0), false});
  capped.push("h", 1);
  capped.push("h", 2);
  REQUIRE(capped.take_ready(t0));
  CHECK_FALSE(capped.next_wakeup(t0 + milliseconds(5)));
}

TEST_CASE("page signals: interstitials and soft-404 judgement", "[fetch][signals]") {
  Response login;
  login.content_type = "text/html";
  login.body = "<form><input type=\"password\" name=p></form>";
  CHECK(interstitial_reason(login) == "password form");
  Response pdf;
  pdf.content_type = "application/pdf";
  pdf.body = "%PDF type=\"password\"";
  CHECK(interstitial_reason(pdf).empty());  // only HTML stand-ins count
  Response drive;
  drive.final_url = "https://drive.usercontent.google.com/download?id=1";
  drive.body = "<!DOCTYPE html><html>Google Drive can't scan this file for viruses.</html>";
  CHECK(interstitial_reason(drive) == "google drive interstitial");
  drive.final_url = "https://notgoogle.com/x";
  CHECK(interstitial_reason(drive).empty());

  Response probe;
  probe.outcome = Outcome::ok;
  probe.http_status = 200;
  probe.url = "http://h/oitscan-probe-1234";
  probe.content_type = "text/html";
  probe.body = "<html>ไม่พบหน้า page /oitscan-probe-1234 not found on this server</html>";
  Response page = probe;
  page.url = "http://h/o1";
  page.body = "<html>ไม่พบหน้า page /o1 not found on this server</html>";
  CHECK(is_soft_404(page, probe));  // the echoed path does not count
  page.body = "<html>โครงสร้างหน่วยงาน organisation chart of the district office</html>";
  CHECK_FALSE(is_soft_404(page, probe));
  Response home = probe;
  home.url = "http://h/";
  CHECK_FALSE(is_soft_404(home, probe));  // the home page is never a soft 404
  probe.http_status = 404;
  page.body = probe.body;
  CHECK_FALSE(is_soft_404(page, probe));  // an honest 404 for the probe: nothing to say
  CHECK(body_similarity("a b c d", "a b c d") == Approx(1.0));
  CHECK(body_similarity("a b c d", "e f g h") == Approx(0.0));
  CHECK(random_probe_path() != random_probe_path());
}

TEST_CASE("Content-Disposition: filename* (RFC 8187) over filename, decoded, without directories", "[fetch][headers]") {
  const std::string thai = "\xE0\xB8\xA3\xE0\xB8\xB2\xE0\xB8\xA2\xE0\xB8\x87\xE0\xB8\xB2\xE0\xB8\x99.pdf";  // รายงาน.pdf
  const std::string encoded = "%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99.pdf";
  CHECK(content_disposition_filename("attachment; filename=\"x.pdf\"") == "x.pdf");
  CHECK(content_disposition_filename("attachment; filename=x.pdf") == "x.pdf");
  CHECK(content_disposition_filename("attachment; filename=\"x.pdf\"; filename*=UTF-8''" + encoded) == thai);
  CHECK(content_disposition_filename("attachment; filename*=utf-8'th'" + encoded + "; filename=\"x.pdf\"") == thai);
  CHECK(content_disposition_filename("inline; FILENAME=\"O13.pdf\"") == "O13.pdf");
  CHECK(content_disposition_filename("attachment; filename*=ISO-8859-1''caf%E9.pdf") == "caf\xC3\xA9.pdf");
  // Quotes protect ';' and escaped quotes; parameters without a value are skipped.
  CHECK(content_disposition_filename("attachment; size; filename=\"a;b \\\"c\\\".pdf\"; x=1") == "a;b \"c\".pdf");
  // Unusable extended forms fall back to the plain name.
  CHECK(content_disposition_filename("attachment; filename*=windows-874''%E0%C1.pdf; filename=\"x.pdf\"") == "x.pdf");
  CHECK(content_disposition_filename("attachment; filename*=UTF-8''%FF%FE.pdf; filename=\"x.pdf\"") == "x.pdf");
  CHECK(content_disposition_filename("attachment; filename*=no-quotes; filename=\"x.pdf\"") == "x.pdf");
  // Percent-encoded UTF-8 in the plain form, as PHP scripts send it, is read as browsers do.
  CHECK(content_disposition_filename("attachment; filename=\"" + encoded + "\"") == thai);
  CHECK(content_disposition_filename("attachment; filename=\"100%25 done.pdf\"") == "100%25 done.pdf");  // ASCII: as sent
  CHECK(content_disposition_filename("attachment; filename=\"\xBB\xD2\xC3.pdf\"") == "\xBB\xD2\xC3.pdf");  // TIS-620 bytes kept
  // Directory parts never survive; the type may be missing.
  CHECK(content_disposition_filename("attachment; filename=\"../../etc/passwd\"") == "passwd");
  CHECK(content_disposition_filename("attachment; filename=\"C:\\\\docs\\\\a.pdf\"") == "a.pdf");
  CHECK(content_disposition_filename("filename=\"a.pdf\"") == "a.pdf");
  CHECK(content_disposition_filename("attachment").empty());
  CHECK(content_disposition_filename("").empty());

  Response r;
  r.headers = {{"Content-Type", "application/pdf"}, {"content-disposition", "attachment; filename*=UTF-8''" + encoded}};
  read_entity_headers(r);
  CHECK(r.attachment_filename == thai);
  r.headers = {{"Content-Type", "application/pdf"}};
  read_entity_headers(r);
  CHECK(r.attachment_filename.empty());  // read afresh from the headers it is given
}

namespace {
Response html_page(std::string body, long status = 200) {
  Response r;
  r.http_status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}
std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

TEST_CASE("page statement: title, headings, lead and text size without markup", "[fetch][signals]") {
  const auto s = page_statement(
      "<html><head><title> A \n title </title><style>h1{}</style></head><body><!-- <h1>no</h1> -->"
      "<h1>Head<b>ing</b></h1><script>var t = '<h2>no</h2>';</script><h2 class='x>y'>Sub</h2><p>one   two</p></body></html>",
      10);
  CHECK(s.title == "A title");
  REQUIRE(s.h1.size() == 1);
  CHECK(s.h1[0] == "Head ing");
  REQUIRE(s.h2.size() == 1);
  CHECK(s.h2[0] == "Sub");
  CHECK(s.lead == "Head ing S");
  CHECK(s.text_bytes == std::string("Head ing Sub one two ").size());
}

TEST_CASE("page statement: the text count stops past its limit, title and headings are still found", "[fetch][signals]") {
  const std::string page = "<title>T</title><p>" + repeat("word ", 400) + "</p><h1>Late heading</h1><h2>Sub</h2>";
  const auto full = page_statement(page, 10);
  CHECK(full.text_bytes == 400 * 5 + std::string("Late heading Sub ").size());  // "word word … word Late heading Sub "
  const auto capped = page_statement(page, 10, 100);
  CHECK(capped.text_bytes > 100);
  CHECK(capped.text_bytes < full.text_bytes);
  CHECK(capped.title == "T");
  REQUIRE(capped.h1.size() == 1);
  CHECK(capped.h1[0] == "Late heading");
  REQUIRE(capped.h2.size() == 1);
  CHECK(capped.lead == full.lead);
  // Under the limit the count is exact.
  CHECK(page_statement(page, 10, 1'000'000).text_bytes == full.text_bytes);
}

TEST_CASE("not-found pages by their own words: title or h1 always, h2 or lead on short pages only", "[fetch][signals]") {
  NotFoundRules rules;
  rules.phrases = {"ไม่พบหน้า", "ขออภัย ไม่พบ", "Page not found"};
  rules.lead_bytes = 200;
  rules.short_page_text_bytes = 500;
  const std::string menu = repeat("<li>ข่าวประชาสัมพันธ์ กิจกรรม menu</li>", 40);  // > 500 bytes of text
  CHECK(not_found_statement(html_page("<title>ไม่พบหน้าที่คุณต้องการ</title>" + menu), rules) == "the title says \"ไม่พบหน้า\"");
  CHECK(not_found_statement(html_page(menu + "<h1>Page&nbsp;NOT found</h1>"), rules) == "an h1 heading says \"Page not found\"");
  CHECK(not_found_statement(html_page("<h2>ขออภัยไม่พบข้อมูล</h2>"), rules) == "an h2 heading says \"ขออภัย ไม่พบ\"");
  CHECK(not_found_statement(html_page("<p>ขออภัย  ไม่พบสิ่งที่ท่านต้องการ</p>"), rules) == "the start of the page says \"ขออภัย ไม่พบ\"");
  // A long page: neither its h2 nor its first lines decide.
  CHECK(not_found_statement(html_page("<h2>ไม่พบหน้า</h2>" + menu), rules).empty());
  CHECK(not_found_statement(html_page("<p>หากไม่พบหน้าที่ต้องการ โปรดติดต่อเรา</p>" + menu), rules).empty());
  // On a short page only the lead counts: the phrase past it is not the page's statement.
  CHECK(not_found_statement(html_page("<p>" + std::string(300, 'x') + " ไม่พบหน้า</p>"), rules).empty());
  // "ไม่พบ" about something else, a script, a 404 status, a PDF: not a soft 404 here.
  CHECK(not_found_statement(html_page("<h1>ผลการตรวจสอบ</h1><p>ไม่พบการทุจริต</p>"), rules).empty());
  CHECK(not_found_statement(html_page("<script>alert('ไม่พบหน้า')</script><p>ok</p>"), rules).empty());
  CHECK(not_found_statement(html_page("<title>ไม่พบหน้า</title>", 404), rules).empty());
  Response pdf = html_page("<title>ไม่พบหน้า</title>");
  pdf.content_type = "application/pdf";
  CHECK(not_found_statement(pdf, rules).empty());
  // TIS-620 pages carry the Thai phrases in their own bytes.
  Response tis = html_page("<title>\xE4\xC1\xE8\xBE\xBA\xCB\xB9\xE9\xD2</title>");
  tis.content_type = "text/html; charset=tis-620";
  CHECK(not_found_statement(tis, rules) == "the title says \"ไม่พบหน้า\"");
}

TEST_CASE("rules/not-found.yaml loads, and a malformed file names itself", "[fetch][signals]") {
  const auto& rules = NotFoundRules::default_rules();
  CHECK(rules.phrases.size() >= 5);
  CHECK(rules.lead_bytes > 0);
  CHECK(not_found_statement(html_page("<title>404 Not Found</title>"), rules) == "the title says \"404 Not Found\"");
  CHECK(not_found_statement(html_page("<h1>ไม่พบหน้าที่คุณต้องการ</h1>"), rules) == "an h1 heading says \"ไม่พบหน้า\"");
  const auto dir = std::filesystem::temp_directory_path() / "oitscan-not-found-unit";
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  };
  CHECK_THROWS_AS(NotFoundRules::load(write("empty.yaml", "schema: oitscan.not-found/1\nphrases: [\"  \"]\n")), oitscan::InputError);
  CHECK_THROWS_AS(NotFoundRules::load(write("schema.yaml", "schema: other/1\nphrases: [x]\n")), oitscan::InputError);
  CHECK_THROWS_AS(NotFoundRules::load(write("broken.yaml", "phrases: [x\n")), oitscan::InputError);
  CHECK_THROWS_AS(NotFoundRules::load(dir / "absent.yaml"), oitscan::InputError);
  const auto ok = NotFoundRules::load(write("ok.yaml", "schema: oitscan.not-found/1\nlead_bytes: 9\nphrases: [gone]\n"));
  CHECK(ok.lead_bytes == 9);
  CHECK(ok.short_page_text_bytes == NotFoundRules{}.short_page_text_bytes);
  std::filesystem::remove_all(dir);
}

TEST_CASE("probe folders: the page's directory as sent on the wire", "[fetch][signals]") {
  CHECK(probe_folder("http://h/a/b/c.html?x=1") == "/a/b/");
  CHECK(probe_folder("http://h/a/b/") == "/a/b/");
  CHECK(probe_folder("http://h/x") == "/");
  CHECK(probe_folder("http://h") == "/");
  CHECK(probe_folder("http://h/%E0%B8%82/x.pdf") == "/%E0%B8%82/");
  CHECK(random_probe_path("/ita/O13/").rfind("/ita/O13/oitscan-probe-", 0) == 0);
  CHECK(random_probe_path().rfind("/oitscan-probe-", 0) == 0);

  // A section that answers unknown paths with its own index: the index itself is real.
  Response probe;
  probe.outcome = Outcome::ok;
  probe.http_status = 200;
  probe.url = "http://h/ita/oitscan-probe-1234";
  probe.content_type = "text/html";
  probe.body = "<html>ITA section index O1 O2 O3</html>";
  Response index = probe;
  index.url = "http://h/ita/";
  CHECK_FALSE(is_soft_404(index, probe));
  index.url = "http://h/ita/O99";
  CHECK(is_soft_404(index, probe));
}

TEST_CASE("frontier: drain takes every queued job, whatever the limits", "[fetch][frontier]") {
  HostFrontier f({1, 1, milliseconds(0), milliseconds(0), false});
  f.push("a", 1);
  f.push("a", 2);
  f.push("b", 3);
  const auto t0 = HostFrontier::Clock::now();
  REQUIRE(f.take_ready(t0));
  f.back_off("b", t0 + std::chrono::hours(1), false);
  auto drained = f.drain();
  std::sort(drained.begin(), drained.end());
  CHECK(drained.size() == 2);
  CHECK_FALSE(f.has_queued());
  CHECK(f.active() == 1);  // the running one is still the caller's to finish
  CHECK(f.drain().empty());
}

TEST_CASE("cache stores validated responses and refuses torn entries", "[fetch][cache]") {
  const auto dir = std::filesystem::temp_directory_path() / "oitscan-cache-unit";
  std::filesystem::remove_all(dir);
  ResponseCache cache(dir);
  Response r;
  r.final_url = "http://h/x";
  r.body = "content";
  r.sha256 = sha256_hex(r.body);
  r.content_type = "text/plain";
  r.headers = {{"ETag", "\"abc\""}};
  cache.store("http://h/x", r);
  auto e = cache.lookup("http://h/x");
  REQUIRE(e);
  CHECK(e->etag == "\"abc\"");
  CHECK(e->body == "content");
  CHECK_FALSE(cache.lookup("http://h/y"));
  // A body that no longer matches its digest is not trusted.
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() == ".body") std::ofstream(f.path()) << "tampered";
  }
  CHECK_FALSE(cache.lookup("http://h/x"));
  // No validator, nothing stored.
  Response plain = r;
  plain.headers.clear();
  cache.store("http://h/z", plain);
  CHECK_FALSE(cache.lookup("http://h/z"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the JSON line carries the contract's fields", "[fetch][json]") {
  Response r;
  r.url = "http://h/a";
  r.final_url = "http://h/b";
  r.redirects = {{"http://h/a", 301}};
  r.outcome = Outcome::http_error;
  r.http_status = 404;
  r.body = "nope";
  r.content_type = "text/html";
  const auto j = response_to_json(r);
  for (const char* key : {"url", "final_url", "outcome", "http_status", "redirects", "bytes", "content_type",
                          "elapsed_ms", "sha256", "message_th", "message_en", "fetched_at"})
    CHECK(j.contains(key));
  CHECK(j["outcome"] == "http-error");
  CHECK(j["redirects"] == 1);
  CHECK(j["bytes"] == 4);
  CHECK(j["evidence"] == "missing");
}

TEST_CASE("robots.txt: our group or *, longest match, wildcards, end anchor", "[fetch][robots]") {
  const auto rules = RobotsRules::parse(
      "# comment\n"
      "User-agent: Googlebot\nDisallow: /\n\n"
      "User-agent: *\nDisallow: /private\nAllow: /private/public\nDisallow: /*.xls$\nDisallow: /tmp/*/x\n",
      "oitscan");
  CHECK(rules.allows("/"));
  CHECK(rules.allows("/news?id=1"));
  CHECK_FALSE(rules.allows("/private"));
  CHECK_FALSE(rules.allows("/private/secret.pdf"));
  CHECK(rules.allows("/private/public/o1.pdf"));  // longer Allow wins
  CHECK_FALSE(rules.allows("/data/report.xls"));
  CHECK(rules.allows("/data/report.xlsx"));        // $ anchors the end
  CHECK_FALSE(rules.allows("/tmp/a/b/x"));
  const auto ours = RobotsRules::parse("User-agent: *\nDisallow: /\n\nUser-agent: OITScan\nDisallow: /admin\n", "oitscan");
  CHECK(ours.allows("/o1"));                       // our own group replaces *
  CHECK_FALSE(ours.allows("/admin/x"));
  CHECK(RobotsRules::parse("User-agent: *\nDisallow:\n", "oitscan").allows("/anything"));
  CHECK(RobotsRules().allows("/x"));
  CHECK(path_and_query("http://h/a%20b?x=1#f") == "/a%20b?x=1");
}
