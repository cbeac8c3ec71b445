#include "fetch/page_signals.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <random>
#include <unordered_set>

#include <boost/url/parse.hpp>

#include "fetch/digest_time.hpp"

namespace oitscan::fetch {
namespace {

std::string lower_prefix(std::string_view s, std::size_t limit) {
  std::string out(s.substr(0, std::min(limit, s.size())));
  // ASCII only, and branch-free so the compiler vectorises it: HTML markup is what we search.
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

std::unordered_set<std::size_t> word_hashes(std::string_view s) {
  s = s.substr(0, std::min<std::size_t>(s.size(), 64 * 1024));
  std::unordered_set<std::size_t> words;
  std::size_t start = 0;
  auto is_word = [](unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; };  // keeps Thai UTF-8/TIS-620 runs
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_word(static_cast<unsigned char>(s[i]))) continue;
    if (i > start) words.insert(std::hash<std::string_view>{}(s.substr(start, i - start)));
    start = i + 1;
  }
  return words;
}

std::string path_of(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  return u ? std::string(u->encoded_path()) : std::string();
}

}  // namespace

bool looks_like_html(const Response& r) {
  const std::string ct = lower_prefix(r.content_type, 200);
  if (ct.find("html") != std::string::npos) return true;
  if (!ct.empty()) return false;
  const std::string head = lower_prefix(trim(r.body), 512);
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

std::string interstitial_reason(const Response& r) {
  if (!looks_like_html(r)) return {};
  const std::string head = lower_prefix(r.body, 256 * 1024);
  if (head.find("can't scan this file for viruses") != std::string::npos ||
      head.find("google drive - virus scan warning") != std::string::npos ||
      head.find("uc-download-link") != std::string::npos ||
      (head.find("id=\"download-form\"") != std::string::npos && head.find("drive.") != std::string::npos))
    return "google drive interstitial";
  if (head.find("type=\"password\"") != std::string::npos || head.find("type='password'") != std::string::npos ||
      head.find("type=password") != std::string::npos)
    return "password form";
  if (!r.redirects.empty()) {
    const std::string path = lower_prefix(path_of(r.final_url), 512);
    for (const char* marker : {"login", "signin", "sign-in", "logon", "/auth", "/sso", "/cas/"}) {
      if (path.find(marker) != std::string::npos) return "login redirect";
    }
  }
  return {};
}

double body_similarity(std::string_view a, std::string_view b, std::string_view ignore) {
  auto wa = word_hashes(a);
  auto wb = word_hashes(b);
  for (auto h : word_hashes(ignore)) {
    wa.erase(h);
    wb.erase(h);
  }
  if (wa.empty() && wb.empty()) return 1.0;
  std::size_t common = 0;
  for (auto h : wa) common += wb.count(h);
  const std::size_t all = wa.size() + wb.size() - common;
  return static_cast<double>(common) / static_cast<double>(all);
}

bool is_soft_404(const Response& page, const Response& probe) {
  if (probe.outcome != Outcome::ok || probe.http_status < 200 || probe.http_status >= 300) return false;
  if (page.http_status < 200 || page.http_status >= 300) return false;
  const std::string path = path_of(page.url);
  if (path.empty() || path == "/") return false;  // the home page is what a soft-404 site serves; it is real
  if (!probe.redirects.empty() && probe.final_url == page.final_url && !page.redirects.empty()) return true;
  if (!looks_like_html(page) || !looks_like_html(probe)) return false;
  // Not-found pages often echo the path they were asked for; those words must not count.
  const std::string echoed = path + " " + path_of(probe.url);
  return body_similarity(page.body, probe.body, echoed) >= 0.9;
}

std::string random_probe_path() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string path = "/oitscan-probe-";
  auto v = gen();
  for (int i = 0; i < 16; ++i, v >>= 4) path += kHex[v & 0xf];
  return path;
}

}  // namespace oitscan::fetch
