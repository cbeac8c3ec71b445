#include "fetch/response_cache.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <system_error>

#include "common/digest.hpp"
#include "common/text.hpp"

namespace oitscan::fetch {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_atomically(const std::filesystem::path& p, const std::string& bytes) {
  const auto tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return;  // a cache that cannot be written is only a missed optimisation
  }
  std::error_code ec;
  std::filesystem::rename(tmp, p, ec);
}

std::string header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (iequals(n, name)) return v;
  }
  return {};
}

}  // namespace

ResponseCache::ResponseCache(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
}

std::filesystem::path ResponseCache::entry_base(const std::string& normalized_url) const {
  return dir_ / sha256_hex(normalized_url);
}

std::optional<CachedEntry> ResponseCache::lookup(const std::string& normalized_url) const {
  const auto base = entry_base(normalized_url);
  const auto meta_text = read_file(base.string() + ".json");
  if (!meta_text) return std::nullopt;
  const auto meta = nlohmann::json::parse(*meta_text, nullptr, false);
  if (meta.is_discarded() || meta.value("url", "") != normalized_url) return std::nullopt;
  auto body = read_file(base.string() + ".body");
  if (!body || sha256_hex(*body) != meta.value("sha256", "")) return std::nullopt;  // torn or tampered
  CachedEntry e;
  e.etag = meta.value("etag", "");
  e.last_modified = meta.value("last_modified", "");
  e.content_type = meta.value("content_type", "");
  e.attachment_filename = meta.value("attachment_filename", "");
  e.final_url = meta.value("final_url", "");
  e.http_status = meta.value("http_status", 0L);
  e.body = std::move(*body);
  return e;
}

void ResponseCache::store(const std::string& normalized_url, const Response& response) const {
  const std::string etag = header(response, "etag");
  const std::string last_modified = header(response, "last-modified");
  if (etag.empty() && last_modified.empty()) return;
  if (response.truncated) return;
  const auto base = entry_base(normalized_url);
  write_atomically(base.string() + ".body", response.body);
  const nlohmann::json meta = {{"url", normalized_url},       {"final_url", response.final_url},
                               {"etag", etag},                {"last_modified", last_modified},
                               {"content_type", response.content_type}, {"http_status", response.http_status},
                               {"attachment_filename", response.attachment_filename},
                               {"sha256", response.sha256},   {"fetched_at", response.fetched_at}};
  // replace: a header with stray non-UTF-8 bytes (a TIS-620 file name) must not throw here.
  write_atomically(base.string() + ".json", meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace oitscan::fetch
