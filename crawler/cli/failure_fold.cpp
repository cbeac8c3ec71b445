#include "cli/failure_fold.hpp"

#include <algorithm>

#include "fetch/fetch_options.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::cli {
namespace {

// host and port of an http(s) URL, from its host_key "scheme://host:port".
std::pair<std::string, std::string> host_and_port(const std::string& url) {
  const auto parsed = fetch::parse_http_url(url);
  if (!parsed) return {url, ""};
  std::string key = parsed->host_key;
  const auto scheme_end = key.find("://");
  if (scheme_end != std::string::npos) key = key.substr(scheme_end + 3);
  const auto colon = key.rfind(':');
  if (colon == std::string::npos || key.back() == ']') return {key, ""};
  return {key.substr(0, colon), key.substr(colon + 1)};
}

std::string kind_of(const fetch::Response& r) {
  if (r.outcome == fetch::Outcome::http_error) return r.http_status >= 500 ? "http-5xx" : "http-" + std::to_string(r.http_status);
  if (r.outcome == fetch::Outcome::timeout && r.error == fetch::kRunBudgetSpent) return "unit-budget";
  return std::string(fetch::to_string(r.outcome));
}

bool has_resolve_for(const HintContext& c, const std::string& host, const std::string& port, bool& other_port) {
  other_port = false;
  for (const auto& e : c.resolve) {
    const auto first = e.find(':');
    const auto second = first == std::string::npos ? first : e.find(':', first + 1);
    if (second == std::string::npos || e.substr(0, first) != host) continue;
    if (e.substr(first + 1, second - first - 1) == port) return true;
    other_port = true;
  }
  return false;
}

// What happened and what to do, in Thai and English.
std::pair<std::string, std::string> describe(const Terminal& t, const std::string& kind, const std::string& host,
                                             const std::string& port, const HintContext& c) {
  if (kind == "dns-error") {
    bool other_port = false;
    has_resolve_for(c, host, port, other_port);
    if (other_port) {
      return {t.say("ค้นหาชื่อโดเมนไม่พบ (DNS)", "DNS failure"),
              t.say("--resolve ให้ไว้สำหรับพอร์ตอื่น ต้องการ --resolve " + host + ":" + port + ":ADDR หรือไม่?",
                    "--resolve is given for another port; did you mean --resolve " + host + ":" + port + ":ADDR?")};
    }
    return {t.say("ค้นหาชื่อโดเมนไม่พบ (DNS)", "DNS failure"),
            t.say("ต้องการใช้ --resolve " + host + ":" + port + ":ADDR หรือไม่?", "did you mean --resolve " + host + ":" + port + ":ADDR?")};
  }
  if (kind == "blocked-address") {
    return {t.say("ที่อยู่เป็นเครือข่ายภายในหรือ loopback จึงถูกปฏิเสธ", "private or loopback address refused"),
            t.say("ถ้าเป็นเว็บไซต์ทดสอบ ให้เพิ่ม --allow-private", "for a test site add --allow-private")};
  }
  if (kind == "connect-error") {
    return {t.say("เชื่อมต่อไม่ได้", "connection failed"),
            t.say("เซิร์ฟเวอร์ทำงานอยู่หรือไม่? ตรวจที่อยู่และพอร์ต (--resolve)", "is the server up? check the address and port (--resolve)")};
  }
  if (kind == "tls-error") {
    return {t.say("ใบรับรอง TLS ไม่ผ่าน", "TLS certificate problem"),
            t.say("ให้ CA ด้วย --cacert FILE หรือใช้ --insecure-tls (ยังบันทึกเป็นข้อสังเกต)",
                  "give the CA with --cacert FILE, or --insecure-tls (still recorded as a finding)")};
  }
  if (kind == "timeout") {
    return {t.say("ไม่ตอบภายในเวลา", "no answer in time"), t.say("เพิ่ม --timeout หรือตรวจเว็บไซต์", "raise --timeout, or check the site")};
  }
  if (kind == "unit-budget") {
    return {t.say("หมดเวลาของหน่วยงาน", "unit time budget spent"), t.say("เพิ่ม --unit-budget", "raise --unit-budget")};
  }
  if (kind == "rate-limited") {
    return {t.say("เว็บไซต์ขอให้ช้าลง (429/503)", "the site asked us to slow down (429/503)"),
            t.say("ลด --per-host หรือเพิ่ม --min-delay-ms", "lower --per-host or raise --min-delay-ms")};
  }
  if (kind == "robots-disallowed") {
    return {t.say("robots.txt ไม่อนุญาต", "refused by robots.txt"),
            c.robots ? t.say("URL ที่หน่วยงานส่งเองไม่ต้องใช้ --robots", "submitted URLs need no --robots; leave it off")
                     : t.say("", "")};
  }
  if (kind == "too-many-redirects") return {t.say("เปลี่ยนเส้นทางวนซ้ำ", "redirect loop"), t.say("แจ้งผู้ดูแลเว็บไซต์", "tell the site's administrator")};
  if (kind == "too-large") return {t.say("ไฟล์ใหญ่เกินขีดจำกัด", "larger than the body limit"), ""};
  if (kind == "http-5xx") return {t.say("เซิร์ฟเวอร์ขัดข้อง (5xx)", "server error (5xx)"), t.say("ลองใหม่ภายหลัง", "try again later")};
  if (kind.rfind("http-", 0) == 0) {
    return {t.say("ถูกปฏิเสธ (HTTP " + kind.substr(5) + ")", "refused (HTTP " + kind.substr(5) + ")"),
            t.say("อาจถูกไฟร์วอลล์กั้น", "perhaps a firewall or geo-block")};
  }
  return {kind, ""};
}

}  // namespace

void FailureFold::add(const fetch::Response& r) {
  if (fetch::evidence_class(r.outcome, r.http_status) != fetch::EvidenceClass::unverifiable) return;
  if (r.outcome == fetch::Outcome::not_archived) return;  // offline: nothing was asked of the network
  auto [host, port] = host_and_port(r.url);
  std::lock_guard lock(mutex_);
  ++failed_;
  Group& g = groups_[{std::move(host), kind_of(r)}];
  if (g.urls++ == 0) {
    g.example_error = r.error;
    g.port = port;
  }
}

std::size_t FailureFold::failed_urls() const {
  std::lock_guard lock(mutex_);
  return failed_;
}

std::vector<std::string> FailureFold::lines(const Terminal& term, const HintContext& context) const {
  std::vector<std::pair<Key, Group>> groups;
  {
    std::lock_guard lock(mutex_);
    groups.assign(groups_.begin(), groups_.end());
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second.urls > b.second.urls; });
  std::vector<std::string> out;
  for (const auto& entry : groups) {
    // Named references, not structured bindings: clang 14 cannot capture those in the lambda below.
    const auto& group = entry.second;
    const auto& host = entry.first.first;
    const auto& kind = entry.first.second;
    // One language per line: with --lang both, the English line and its Thai twin under it.
    auto line_in = [&](Lang lang) {
      Terminal single = term;
      single.lang = lang;
      const auto [what, hint] = describe(single, kind, host, group.port, context);
      const std::string urls = lang == Lang::th ? std::to_string(group.urls) + " URL" : std::to_string(group.urls) + (group.urls == 1 ? " URL" : " URLs");
      std::string line = printable(host) + ": " + urls + ", " + what;
      if (!hint.empty()) line += " — " + hint;
      return line;
    };
    const std::string detail = group.example_error.empty() ? "" : term.paint(Terminal::Color::dim, " (" + printable(group.example_error) + ")");
    if (term.lang == Lang::both) {
      out.push_back(line_in(Lang::en) + detail);
      out.push_back("  " + line_in(Lang::th));
    } else {
      out.push_back(line_in(term.lang) + detail);
    }
  }
  return out;
}

}  // namespace oitscan::cli
