#include "fetch/page_signals.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <string_view>
#include <random>
#include <unordered_set>

#include <boost/url/parse.hpp>

#include "common/digest.hpp"
#include "common/time.hpp"
#include "fetch/header_values.hpp"

#include "common/document_extensions.hpp"
#include "common/text.hpp"

namespace oitscan::fetch {
namespace {

std::string lower_prefix(std::string_view s, std::size_t limit) { return ascii_lower(s.substr(0, std::min(limit, s.size()))); }

bool contains(std::string_view hay, std::string_view needle) {
  return ::memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
}

// Case-insensitive (ASCII) Boyer-Moore-Horspool search; `needle` must be lower case. Skips up to
// the needle's length per step, so scanning a page costs a fraction of a pass over it.
bool icontains(std::string_view hay, std::string_view needle) {
  const std::size_t m = needle.size();
  if (m == 0) return true;
  if (hay.size() < m) return false;
  std::array<std::size_t, 256> skip;
  skip.fill(m);
  for (std::size_t i = 0; i + 1 < m; ++i) {
    const auto c = static_cast<unsigned char>(needle[i]);
    skip[c] = m - 1 - i;
    if (c >= 'a' && c <= 'z') skip[c - 32u] = m - 1 - i;
  }
  for (std::size_t pos = 0; pos + m <= hay.size(); pos += skip[static_cast<unsigned char>(hay[pos + m - 1])]) {
    std::size_t j = m;
    while (j > 0 && ascii_lower(hay[pos + j - 1]) == needle[j - 1]) --j;
    if (j == 0) return true;
  }
  return false;
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

bool from_google(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return false;
  const std::string host = lower_prefix(u->encoded_host(), 256);
  for (const std::string_view suffix : {"google.com", "googleusercontent.com"}) {
    if (host == suffix || (host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                           host[host.size() - suffix.size() - 1] == '.'))
      return true;
  }
  return false;
}

std::string interstitial_reason(const Response& r) {
  if (!looks_like_html(r)) return {};
  const std::string_view body(r.body);
  // Google Drive's warning pages come only from Google's own hosts, are small, and have their
  // wording near the top; no other page is scanned for them.
  const std::string_view top = body.substr(0, 16 * 1024);
  if (from_google(r.final_url) &&
      (icontains(top, "can't scan this file for viruses") || icontains(top, "google drive - virus scan warning") ||
       icontains(top, "uc-download-link") || (icontains(top, "id=\"download-form\"") && icontains(top, "drive."))))
    return "google drive interstitial";
  // A password field makes a login wall only when it stands in for the content: a short page, or
  // HTML where a document (.pdf, .docx ...) was asked for. Many CMS pages carry a login box in the
  // sidebar of every real article; those must stay ok.
  const bool small_page = body.size() <= 24 * 1024;
  if (small_page || names_a_document(path_of(r.url))) {
    const std::string_view head = body.substr(0, 64 * 1024);
    if ((contains(head, "ssword") || contains(head, "SSWORD")) &&
        (icontains(head, "type=\"password\"") || icontains(head, "type='password'") || icontains(head, "type=password")))
      return "password form";
  }
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
  // Likewise a section's own index (/ita/) when its section answers unknown paths with it.
  if (path == probe_folder(probe.url)) return false;
  if (!probe.redirects.empty() && probe.final_url == page.final_url && !page.redirects.empty()) return true;
  if (!looks_like_html(page) || !looks_like_html(probe)) return false;
  // Not-found pages often echo the path they were asked for; those words must not count.
  const std::string echoed = path + " " + path_of(probe.url);
  return body_similarity(page.body, probe.body, echoed) >= 0.9;
}

std::string random_probe_path(std::string_view folder) {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  const auto v = gen();
  return std::string(folder) + "oitscan-probe-" + hex_encode(std::string_view(reinterpret_cast<const char*>(&v), sizeof v));
}

std::string probe_folder(std::string_view url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return "/";
  const std::string_view path = u->encoded_path();
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos || path.front() != '/') return "/";
  return std::string(path.substr(0, slash + 1));
}

}  // namespace oitscan::fetch
