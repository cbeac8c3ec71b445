#pragma once
// Appends gzip members to a file, one member per call sequence begin/write/end. Readers can seek
// to the start of any member and inflate it alone, which is what makes a .warc.gz record
// addressable by offset. Data is deflated as it arrives, so a large body is never held twice.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <vector>

namespace oitscan::archive {

// zlib parameters every .warc.gz reader and writer here shares: the buffer size of one
// inflate/deflate step, and the window bits that select the gzip wrapper (15 + 16) over zlib's.
inline constexpr std::size_t kZlibChunk = 64 * 1024;
inline constexpr int kGzipWindowBits = 15 + 16;


class GzipAppender {
 public:
  // compress=false writes the bytes as they are (for a plain .warc).
  GzipAppender(const std::filesystem::path& path, bool compress);
  ~GzipAppender();
  GzipAppender(const GzipAppender&) = delete;
  GzipAppender& operator=(const GzipAppender&) = delete;

  // Returns the file offset where the member starts.
  std::uint64_t begin_member();
  void write(std::string_view bytes);
  void end_member();
  // Gives up the open member and cuts the file back to where it started, so a record that failed
  // half-way (a body file that vanished, a full disk) leaves nothing behind.
  void abort_member() noexcept;
  // Flushes to the OS and asks it to reach the disk, so a crash after a record keeps the record.
  void sync();

 private:
  void pump(int flush);
  void write_raw(const void* data, std::size_t size);

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  bool compress_;
  bool in_member_ = false;
  std::uint64_t member_start_ = 0;
  z_stream zs_{};
  std::vector<unsigned char> out_;
};

}  // namespace oitscan::archive
