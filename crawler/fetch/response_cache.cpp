#include "fetch/response_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

#include "common/digest.hpp"
#include "common/text.hpp"

namespace oitscan::fetch {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<nlohmann::json> read_meta(const fs::path& file, const std::string& normalized_url) {
  const auto text = read_file(file);
  if (!text) return std::nullopt;
  auto meta = nlohmann::json::parse(*text, nullptr, false);
  if (meta.is_discarded() || !meta.is_object() || meta.value("url", "") != normalized_url) return std::nullopt;
  return meta;
}

std::string dump_meta(const nlohmann::json& meta) {
  // replace: a header with stray non-UTF-8 bytes (a TIS-620 file name) must not throw here.
  return meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (iequals(n, name)) return v;
  }
  return {};
}

nlohmann::json capture_json(const CaptureRef& c) {
  return {{"record_id", c.record_id},       {"target_uri", c.target_uri}, {"date", c.date},
          {"payload_sha1", c.payload_sha1}, {"payload_sha256", c.payload_sha256}};
}

std::optional<CaptureRef> capture_from(const nlohmann::json& meta) {
  const auto it = meta.find("capture");
  if (it == meta.end() || !it->is_object()) return std::nullopt;
  CaptureRef c;
  c.record_id = it->value("record_id", "");
  c.target_uri = it->value("target_uri", "");
  c.date = it->value("date", "");
  c.payload_sha1 = it->value("payload_sha1", "");
  c.payload_sha256 = it->value("payload_sha256", "");
  // Only a capture of the body the entry holds now.
  if (c.record_id.empty() || c.payload_sha256 != meta.value("sha256", "")) return std::nullopt;
  return c;
}

bool is_temporary(const fs::path& p) { return p.filename().string().find(".tmp") != std::string::npos; }

}  // namespace

bool write_cache_file(const fs::path& file, std::string_view bytes) {
  // Unique per process and call: two writers of one entry never share a temporary file.
  static std::atomic<std::uint64_t> counter{0};
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = true;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (ok) fs::rename(tmp, file, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

void touch_cache_file(const fs::path& file) {
  ::utimensat(AT_FDCWD, file.c_str(), nullptr, 0);  // best effort: only the eviction order depends on it
}

PruneReport prune_cache_folder(const fs::path& dir, const CacheLimits& limits) {
  struct File {
    fs::path path;
    std::uint64_t size;
    fs::file_time_type used;
  };
  PruneReport report;
  std::vector<File> files;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec) || fec) continue;
    const auto size = it->file_size(fec);
    const auto used = it->last_write_time(fec);
    if (fec) continue;
    const bool expired = now - used > limits.max_age;
    if (expired) {
      if (fs::remove(it->path(), fec)) ++report.files_removed, report.bytes_removed += size;
      continue;
    }
    if (is_temporary(it->path())) continue;  // being written right now
    files.push_back(File{it->path(), size, used});
  }
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  if (total > limits.max_bytes) {
    std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.used < b.used; });
    for (const auto& f : files) {
      if (total <= limits.max_bytes) break;
      std::error_code fec;
      if (fs::remove(f.path, fec)) {
        total -= f.size;
        ++report.files_removed;
        report.bytes_removed += f.size;
      }
    }
  }
  report.bytes_kept = total;
  return report;
}

ResponseCache::ResponseCache(fs::path dir, CacheLimits limits, bool prune_on_open) : dir_(std::move(dir)), limits_(limits) {
  fs::create_directories(dir_);
  if (prune_on_open) prune();
}

PruneReport ResponseCache::prune() const { return prune_cache_folder(dir_, limits_); }

fs::path ResponseCache::entry_base(const std::string& normalized_url) const { return dir_ / sha256_hex(normalized_url); }

std::optional<CachedEntry> ResponseCache::lookup(const std::string& normalized_url) const {
  const auto base = entry_base(normalized_url);
  const auto meta = read_meta(base.string() + ".json", normalized_url);
  if (!meta) return std::nullopt;
  auto body = read_file(base.string() + ".body");
  if (!body || sha256_hex(*body) != meta->value("sha256", "")) return std::nullopt;  // torn or tampered
  CachedEntry e;
  e.etag = meta->value("etag", "");
  e.last_modified = meta->value("last_modified", "");
  e.content_type = meta->value("content_type", "");
  e.attachment_filename = meta->value("attachment_filename", "");
  e.final_url = meta->value("final_url", "");
  e.http_status = meta->value("http_status", 0L);
  e.body = std::move(*body);
  e.capture = capture_from(*meta);
  touch_cache_file(base.string() + ".json");
  touch_cache_file(base.string() + ".body");
  return e;
}

void ResponseCache::store(const std::string& normalized_url, const Response& response) const {
  const std::string etag = header(response, "etag");
  const std::string last_modified = header(response, "last-modified");
  if (etag.empty() && last_modified.empty()) return;
  if (response.truncated) return;
  const auto base = entry_base(normalized_url);
  nlohmann::json meta = {{"url", normalized_url},       {"final_url", response.final_url},
                         {"etag", etag},                {"last_modified", last_modified},
                         {"content_type", response.content_type}, {"http_status", response.http_status},
                         {"attachment_filename", response.attachment_filename},
                         {"sha256", response.sha256},   {"fetched_at", response.fetched_at}};
  // The same body again (new validators, same bytes): its archived capture still stands.
  if (const auto old = read_meta(base.string() + ".json", normalized_url)) {
    if (const auto capture = capture_from(*old); capture && capture->payload_sha256 == response.sha256) {
      meta["capture"] = capture_json(*capture);
    }
  }
  if (!write_cache_file(base.string() + ".body", response.body)) return;
  write_cache_file(base.string() + ".json", dump_meta(meta));
}

std::optional<CaptureRef> ResponseCache::capture_of(const std::string& normalized_url) const {
  const auto meta = read_meta(entry_base(normalized_url).string() + ".json", normalized_url);
  return meta ? capture_from(*meta) : std::nullopt;
}

void ResponseCache::remember_capture(const std::string& normalized_url, const CaptureRef& capture) const {
  const auto file = entry_base(normalized_url).string() + ".json";
  auto meta = read_meta(file, normalized_url);
  if (!meta || meta->value("sha256", "") != capture.payload_sha256) return;
  (*meta)["capture"] = capture_json(capture);
  write_cache_file(file, dump_meta(*meta));
}

void ResponseCache::forget(const std::string& normalized_url) const {
  const auto base = entry_base(normalized_url);
  std::error_code ec;
  fs::remove(base.string() + ".json", ec);
  fs::remove(base.string() + ".body", ec);
}

}  // namespace oitscan::fetch
