#include "extract/zip_reader.hpp"

#include <zip.h>

namespace oitscan::extract {

void ZipReader::Closer::operator()(zip* z) const {
  if (z != nullptr) zip_discard(z);
}

ZipReader::ZipReader(zip* archive, const Limits& limits) : archive_(archive), limits_(&limits) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

std::optional<ZipReader> ZipReader::open(std::string_view bytes, const Limits& limits) {
  zip_error_t err;
  zip_error_init(&err);
  // The source does not own the buffer (freep = 0): `bytes` outlives the reader by contract.
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src == nullptr) {
    zip_error_fini(&err);
    return std::nullopt;
  }
  zip* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (z == nullptr) {
    zip_source_free(src);
    return std::nullopt;
  }
  return ZipReader(z, limits);
}

bool ZipReader::has(const std::string& name) const { return zip_name_locate(archive_.get(), name.c_str(), 0) >= 0; }

std::vector<std::string> ZipReader::names() const {
  std::vector<std::string> out;
  const zip_int64_t n = zip_get_num_entries(archive_.get(), 0);
  for (zip_int64_t i = 0; i < n && i < 10'000; ++i) {
    if (const char* name = zip_get_name(archive_.get(), static_cast<zip_uint64_t>(i), 0)) out.emplace_back(name);
  }
  return out;
}

std::optional<std::string> ZipReader::read(const std::string& name) {
  const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), 0);
  if (index < 0) return std::nullopt;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0) return std::nullopt;
  // The sizes in the directory are hints written by whoever made the file; check them, and then
  // also cap what is actually inflated, since they can lie.
  if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limits_->max_member_bytes) {
    throw LimitExceeded("zip member " + name + " declares " + std::to_string(st.size) + " bytes (limit " +
                        std::to_string(limits_->max_member_bytes) + ")");
  }
  if ((st.valid & ZIP_STAT_SIZE) != 0 && (st.valid & ZIP_STAT_COMP_SIZE) != 0 && st.comp_size > 0 &&
      st.size > (1u << 20) && st.size / st.comp_size > limits_->max_compression_ratio) {
    throw LimitExceeded("zip member " + name + " compression ratio " + std::to_string(st.size / st.comp_size) +
                        ":1 looks like a zip bomb");
  }
  zip_file_t* f = zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) return std::nullopt;
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      zip_fclose(f);
      return std::nullopt;  // corrupt member
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limits_->max_member_bytes || total_read_ + out.size() > limits_->max_decompressed_bytes) {
      zip_fclose(f);
      throw LimitExceeded("zip member " + name + " inflates past the decompressed-size limit");
    }
  }
  zip_fclose(f);
  total_read_ += out.size();
  return out;
}

}  // namespace oitscan::extract
