#include "gather/directory_source.hpp"

#include <fstream>
#include <sstream>

#include "common/digest.hpp"
#include "common/document_extensions.hpp"
#include "common/time.hpp"
#include "extract/formats.hpp"
#include "fetch/header_values.hpp"

namespace oitscan::gather {
namespace {

// What a web server would declare for the file: the format table's MIME type for its extension;
// fixture text files are UTF-8.
std::string content_type_for(const std::filesystem::path& p) {
  const auto name = format_named_by_path(p.filename().string());
  const auto format = name ? extract::format_from_string(*name) : std::nullopt;
  const auto* info = format ? extract::FormatTable::default_table().find(*format) : nullptr;
  if (info == nullptr || info->mime.empty()) return "application/octet-stream";
  const bool text = *format == extract::Format::html || *format == extract::Format::csv || *format == extract::Format::text;
  return info->mime.front() + (text ? "; charset=utf-8" : "");
}

}  // namespace

DirectorySource::DirectorySource(std::filesystem::path root, std::string site_base, std::vector<std::string> mirror_bases)
    : root_(std::filesystem::weakly_canonical(root)) {
  bases_.push_back(std::move(site_base));
  for (auto& m : mirror_bases) bases_.push_back(std::move(m));
}

void DirectorySource::simulate(const std::string& url, fetch::Outcome outcome) { simulated_[url] = outcome; }

FetchedPtr DirectorySource::fetch_one(const std::string& url) const {
  auto f = std::make_shared<fetch::Response>();
  f->url = f->final_url = url;
  f->fetched_at = iso8601_utc_now();
  if (auto it = simulated_.find(url); it != simulated_.end()) {
    const auto o = it->second;
    f->http_status = o == fetch::Outcome::soft_404 || o == fetch::Outcome::interstitial ? 200 : o == fetch::Outcome::http_error ? 404 : 0;
    f->outcome = o;
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
    f->http_status = 404;
    f->outcome = fetch::Outcome::http_error;
    return f;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  f->body = ss.str();
  f->http_status = 200;
  f->headers.emplace_back("Content-Type", content_type_for(path));
  fetch::read_entity_headers(*f);
  f->sha256 = sha256_hex(f->body);
  f->outcome = fetch::Outcome::ok;
  return f;
}

std::vector<FetchedPtr> DirectorySource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<FetchedPtr> out;
  out.reserve(urls.size());
  for (const auto& u : urls) out.push_back(fetch_one(u));
  return out;
}

}  // namespace oitscan::gather
