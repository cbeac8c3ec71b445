#include "check/directory_source.hpp"

#include <fstream>
#include <sstream>

#include "fetch/digest_time.hpp"

namespace oitscan::check {
namespace {

std::string content_type_for(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"}, {".pdf", "application/pdf"},
      {".csv", "text/csv; charset=utf-8"},   {".json", "application/json"},       {".xml", "application/xml"},
      {".txt", "text/plain; charset=utf-8"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".odt", "application/vnd.oasis.opendocument.text"}, {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

DirectorySource::DirectorySource(std::filesystem::path root, std::string site_base, std::vector<std::string> mirror_bases)
    : root_(std::filesystem::weakly_canonical(root)) {
  bases_.push_back(std::move(site_base));
  for (auto& m : mirror_bases) bases_.push_back(std::move(m));
}

void DirectorySource::simulate(const std::string& url, const std::string& outcome) { simulated_[url] = outcome; }

Fetched DirectorySource::fetch_one(const std::string& url) const {
  Fetched f;
  f.url = f.final_url = url;
  f.fetched_at = fetch::iso8601_utc(std::chrono::system_clock::now());
  if (auto it = simulated_.find(url); it != simulated_.end()) {
    f.http_status = it->second == "soft-404" || it->second == "interstitial" ? 200 : it->second == "http-error" ? 404 : 0;
    set_outcome(f, it->second);
    return f;
  }
  std::string relative;
  for (const auto& base : bases_) {
    if (url.rfind(base, 0) == 0) {
      relative = url.substr(base.size());
      break;
    }
  }
  if (auto q = relative.find_first_of("?#"); q != std::string::npos) relative.resize(q);
  const std::filesystem::path path = std::filesystem::weakly_canonical(root_ / relative);
  const bool inside = path.string().rfind(root_.string(), 0) == 0;
  std::error_code ec;
  if (relative.empty() || !inside || !std::filesystem::is_regular_file(path, ec)) {
    f.http_status = 404;
    set_outcome(f, "http-error");
    return f;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  f.body = ss.str();
  f.http_status = 200;
  f.content_type = content_type_for(path);
  f.sha256 = fetch::sha256_hex(f.body);
  set_outcome(f, "ok");
  return f;
}

std::vector<Fetched> DirectorySource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<Fetched> out;
  out.reserve(urls.size());
  for (const auto& u : urls) out.push_back(fetch_one(u));
  return out;
}

}  // namespace oitscan::check
