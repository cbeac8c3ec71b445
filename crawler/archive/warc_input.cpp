#include "archive/warc_input.hpp"

#include "archive/gzip_appender.hpp"

#include <cerrno>
#include <cstring>

namespace oitscan::archive {


WarcFormatError::WarcFormatError(const std::filesystem::path& file, std::uint64_t offset, const std::string& message,
                                 bool truncated)
    : std::runtime_error(file.string() + ": offset " + std::to_string(offset) + ": " + message),
      file_(file),
      offset_(offset),
      truncated_(truncated) {}

WarcInput::WarcInput(const std::filesystem::path& path, std::uint64_t start_offset)
    : path_(path), in_(kZlibChunk), out_(kZlibChunk) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) throw WarcFormatError(path, start_offset, std::string("cannot open: ") + std::strerror(errno));
  if (std::fseek(file_, static_cast<long>(start_offset), SEEK_SET) != 0) fail(start_offset, "cannot seek");
  file_pos_ = start_offset;
  zs_.next_in = in_.data();
  zs_.avail_in = 0;
  if (!refill_input()) return;  // empty: no records
  gzip_ = zs_.avail_in >= 2 && in_[0] == 0x1f && in_[1] == 0x8b;
  if (gzip_) {
    if (inflateInit2(&zs_, kGzipWindowBits) != Z_OK) fail(start_offset, "zlib: inflateInit2 failed");
    in_member_ = true;
    member_start_ = start_offset;
  }
  members_.emplace_back(0, start_offset);
}

WarcInput::~WarcInput() {
  if (gzip_) inflateEnd(&zs_);
  if (file_ != nullptr) std::fclose(file_);
}

void WarcInput::fail(std::uint64_t offset, const std::string& message, bool truncated) const {
  throw WarcFormatError(path_, offset, message, truncated);
}

bool WarcInput::refill_input() {
  const std::size_t got = std::fread(in_.data(), 1, in_.size(), file_);
  if (got == 0 && std::ferror(file_)) fail(file_pos_, std::string("read error: ") + std::strerror(errno));
  file_pos_ += got;
  zs_.next_in = in_.data();
  zs_.avail_in = static_cast<uInt>(got);
  return got > 0;
}

bool WarcInput::fill() {
  out_begin_ = 0;
  out_end_ = 0;
  if (!gzip_) {
    if (zs_.avail_in == 0 && !refill_input()) return false;
    std::memcpy(out_.data(), zs_.next_in, zs_.avail_in);
    out_end_ = zs_.avail_in;
    zs_.avail_in = 0;
    produced_ += out_end_;
    return true;
  }
  while (out_end_ == 0) {
    if (zs_.avail_in == 0 && !refill_input()) {
      if (in_member_) fail(member_start_, "gzip member is truncated (file ends inside it)", true);
      return false;
    }
    if (!in_member_) {
      // Between members: the next bytes must open another gzip member.
      if (zs_.avail_in < 2 && !(zs_.avail_in == 1 && zs_.next_in[0] == 0x1f)) {
        fail(file_pos_ - zs_.avail_in, "garbage after the last gzip member");
      }
      member_start_ = file_pos_ - zs_.avail_in;
      if (zs_.next_in[0] != 0x1f || (zs_.avail_in >= 2 && zs_.next_in[1] != 0x8b)) {
        fail(member_start_, "not a gzip member (a .warc.gz must be a sequence of gzip members)");
      }
      if (inflateReset(&zs_) != Z_OK) fail(member_start_, "zlib: inflateReset failed");
      in_member_ = true;
      members_.emplace_back(produced_, member_start_);
    }
    zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
    zs_.avail_out = static_cast<uInt>(out_.size());
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      in_member_ = false;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      fail(member_start_, std::string("corrupt gzip data: ") + (zs_.msg != nullptr ? zs_.msg : "zlib error"));
    }
    out_end_ = out_.size() - zs_.avail_out;
    produced_ += out_end_;
  }
  return true;
}

bool WarcInput::at_end() { return out_begin_ == out_end_ && !fill(); }

std::uint64_t WarcInput::stored_offset_of(std::uint64_t pos) {
  while (members_.size() > 1 && members_[1].first <= pos) members_.pop_front();
  return members_.empty() ? pos : members_.front().second + (gzip_ ? 0 : pos - members_.front().first);
}

bool WarcInput::starts_member(std::uint64_t pos) const {
  if (!gzip_) return true;
  for (const auto& m : members_) {
    if (m.first == pos) return true;
  }
  return false;
}

bool WarcInput::read_line(std::string& line, std::size_t max_bytes, std::uint64_t error_offset) {
  line.clear();
  while (true) {
    if (out_begin_ == out_end_ && !fill()) return !line.empty();
    const char* start = out_.data() + out_begin_;
    const std::size_t avail = out_end_ - out_begin_;
    const void* nl = std::memchr(start, '\n', avail);
    const std::size_t take = nl == nullptr ? avail : static_cast<std::size_t>(static_cast<const char*>(nl) - start) + 1;
    if (line.size() + take > max_bytes) fail(error_offset, "header line longer than " + std::to_string(max_bytes) + " bytes");
    line.append(start, take);
    out_begin_ += take;
    consumed_ += take;
    if (nl != nullptr) return true;
  }
}

std::uint64_t WarcInput::read_exact(std::uint64_t n, std::string* out) {
  std::uint64_t done = 0;
  while (done < n) {
    if (out_begin_ == out_end_ && !fill()) break;
    const std::uint64_t avail = out_end_ - out_begin_;
    const std::size_t take = static_cast<std::size_t>(n - done < avail ? n - done : avail);
    if (out != nullptr) out->append(out_.data() + out_begin_, take);
    out_begin_ += take;
    consumed_ += take;
    done += take;
  }
  return done;
}

}  // namespace oitscan::archive
