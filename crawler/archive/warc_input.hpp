#pragma once
// The byte stream under a WARC reader: a plain file, or a file of gzip members inflated one
// after another. It remembers where each member starts in the compressed file, so the reader can
// say which member a record came from (its offset for random access and for error messages).
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace oitscan::archive {

// Raised for anything that is not a well-formed WARC: names the file and the byte offset
// (in the file as stored, i.e. of the gzip member for .warc.gz).
class WarcFormatError : public std::runtime_error {
 public:
  WarcFormatError(const std::filesystem::path& file, std::uint64_t offset, const std::string& message,
                  bool truncated = false);
  const std::filesystem::path& file() const { return file_; }
  std::uint64_t offset() const { return offset_; }
  // True when the record at offset() is well-formed as far as it goes but the file ends inside
  // it: what a writer killed mid-record leaves behind.
  bool truncated() const { return truncated_; }

 private:
  std::filesystem::path file_;
  std::uint64_t offset_;
  bool truncated_;
};

class WarcInput {
 public:
  // Starts reading at `start_offset`, which for gzip must be the start of a member.
  WarcInput(const std::filesystem::path& path, std::uint64_t start_offset);
  ~WarcInput();
  WarcInput(const WarcInput&) = delete;
  WarcInput& operator=(const WarcInput&) = delete;

  bool compressed() const { return gzip_; }
  // True when no byte is left. Also moves into the next gzip member when the last one ended, so
  // position() is then known to belong to it.
  bool at_end();
  // Decompressed bytes consumed so far.
  std::uint64_t position() const { return consumed_; }
  // Offset in the stored file of what holds decompressed position `pos`: the gzip member that
  // contains it, or the byte itself for a plain file. Forgets members before it.
  std::uint64_t stored_offset_of(std::uint64_t pos);
  // True when decompressed position `pos` is the first byte of a gzip member (always for plain).
  bool starts_member(std::uint64_t pos) const;

  // Reads one line ending in LF into `line` (LF kept). Returns false at end of input with nothing
  // read. Throws when the line would exceed `max_bytes`.
  bool read_line(std::string& line, std::size_t max_bytes, std::uint64_t error_offset);
  // Appends exactly n bytes to `out` (or discards them when out is null); returns how many bytes
  // were available before the input ended.
  std::uint64_t read_exact(std::uint64_t n, std::string* out);

  const std::filesystem::path& path() const { return path_; }

 private:
  bool fill();  // makes decompressed bytes available; false at end of input
  bool refill_input();
  [[noreturn]] void fail(std::uint64_t offset, const std::string& message, bool truncated = false) const;

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  bool gzip_ = false;
  bool in_member_ = false;
  std::uint64_t file_pos_ = 0;      // stored-file offset just after the bytes read into in_
  std::uint64_t produced_ = 0;      // decompressed bytes produced so far
  std::uint64_t consumed_ = 0;      // decompressed bytes handed to the caller
  std::uint64_t member_start_ = 0;  // stored offset of the member being inflated
  std::deque<std::pair<std::uint64_t, std::uint64_t>> members_;  // (decompressed start, stored offset)
  z_stream zs_{};
  std::vector<unsigned char> in_;
  std::vector<char> out_;
  std::size_t out_begin_ = 0;
  std::size_t out_end_ = 0;
};

}  // namespace oitscan::archive
