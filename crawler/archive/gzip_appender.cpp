#include "archive/gzip_appender.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace oitscan::archive {


GzipAppender::GzipAppender(const std::filesystem::path& path, bool compress)
    : path_(path), compress_(compress), out_(kZlibChunk) {
  // O_NOFOLLOW: the evidence file is never written through a symbolic link someone left in the
  // output folder (it could point anywhere, /dev/full or another unit's evidence).
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    throw std::runtime_error("cannot write " + path.string() + ": " +
                             (err == ELOOP ? std::string("it is a symbolic link; refusing to write through it") : std::strerror(err)));
  }
  file_ = ::fdopen(fd, "ab");
  if (file_ == nullptr) {
    const int err = errno;
    ::close(fd);
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(err));
  }
}

GzipAppender::~GzipAppender() {
  if (in_member_ && compress_) deflateEnd(&zs_);
  if (file_ != nullptr) std::fclose(file_);
}

std::uint64_t GzipAppender::begin_member() {
  if (in_member_) throw std::logic_error("gzip member already open");
  if (std::fseek(file_, 0, SEEK_END) != 0) throw std::runtime_error(path_.string() + ": seek failed");
  const long pos = std::ftell(file_);
  if (pos < 0) throw std::runtime_error(path_.string() + ": cannot tell offset");
  if (compress_) {
    zs_ = z_stream{};
    if (deflateInit2(&zs_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("zlib: deflateInit2 failed");
    }
  }
  in_member_ = true;
  member_start_ = static_cast<std::uint64_t>(pos);
  return member_start_;
}

void GzipAppender::write(std::string_view bytes) {
  if (!in_member_) throw std::logic_error("gzip member not open");
  if (!compress_) {
    write_raw(bytes.data(), bytes.size());
    return;
  }
  // zlib's avail_in is 32-bit: feed large inputs in slices.
  while (!bytes.empty()) {
    const std::size_t n = bytes.size() < kZlibChunk * 16 ? bytes.size() : kZlibChunk * 16;
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs_.avail_in = static_cast<uInt>(n);
    pump(Z_NO_FLUSH);
    bytes.remove_prefix(n);
  }
}

void GzipAppender::end_member() {
  if (!in_member_) throw std::logic_error("gzip member not open");
  if (compress_) {
    zs_.next_in = nullptr;
    zs_.avail_in = 0;
    pump(Z_FINISH);
    deflateEnd(&zs_);
  }
  in_member_ = false;
  if (std::fflush(file_) != 0) throw std::runtime_error(path_.string() + ": write failed: " + std::strerror(errno));
}

void GzipAppender::abort_member() noexcept {
  if (!in_member_) return;
  if (compress_) deflateEnd(&zs_);
  in_member_ = false;
  std::fflush(file_);
  if (ftruncate(fileno(file_), static_cast<off_t>(member_start_)) != 0) {
    // Nothing better to do: the next writer session's repair_truncated_tail removes the remains.
  }
}

void GzipAppender::sync() {
  if (std::fflush(file_) != 0 || fsync(fileno(file_)) != 0) {
    throw std::runtime_error(path_.string() + ": sync failed: " + std::strerror(errno));
  }
}

void GzipAppender::pump(int flush) {
  while (true) {
    zs_.next_out = out_.data();
    zs_.avail_out = static_cast<uInt>(out_.size());
    const int rc = deflate(&zs_, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
    write_raw(out_.data(), out_.size() - zs_.avail_out);
    if (flush == Z_FINISH ? rc == Z_STREAM_END : (zs_.avail_in == 0 && zs_.avail_out != 0)) return;
  }
}

void GzipAppender::write_raw(const void* data, std::size_t size) {
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) {
    throw std::runtime_error(path_.string() + ": write failed: " + std::strerror(errno));
  }
}

}  // namespace oitscan::archive
