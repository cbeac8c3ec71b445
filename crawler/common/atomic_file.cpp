#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace oitscan {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int err) {
  throw OutputError("cannot write " + path.string() + ": " + what + (err != 0 ? std::string(": ") + std::strerror(err) : ""));
}

// Owns the temporary file until it is renamed; removes it on every failure path.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target) : target_(target) {
    // mkstemp creates with O_CREAT|O_EXCL and mode 0600: nobody else can have opened it first.
    std::string name = target.string() + ".tmp-XXXXXX";
    std::vector<char> buf(name.begin(), name.end());
    buf.push_back('\0');
    fd_ = ::mkstemp(buf.data());
    if (fd_ < 0) fail(target, "cannot create a temporary file in its folder", errno);
    path_ = buf.data();
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write_all(std::string_view content) {
    // Reports are read by browsers and other users: 0644, as a plain ofstream would have made it.
    if (::fchmod(fd_, 0644) != 0) fail(target_, "chmod", errno);
    while (!content.empty()) {
      const ssize_t n = ::write(fd_, content.data(), content.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail(target_, "write", n < 0 ? errno : ENOSPC);
      content.remove_prefix(static_cast<std::size_t>(n));
    }
    // The data must be on disk before the rename makes it the file: else a crash can leave an
    // empty file where the good earlier one was.
    if (::fsync(fd_) != 0) fail(target_, "fsync", errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(target_, "close", errno);
  }

  void rename_over_target() {
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail(target_, "rename", errno);
    path_.clear();
  }

 private:
  std::filesystem::path target_;
  std::string path_;
  int fd_ = -1;
};

// Makes the rename itself durable; a folder that cannot be opened or synced is not an error
// (some filesystems refuse fsync on directories), the file's own data is already on disk.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

void check_output_target(const std::filesystem::path& target) {
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    fail(target, "cannot inspect it", errno);
  }
  if (S_ISLNK(st.st_mode)) fail(target, "it is a symbolic link; refusing to write through it (remove it first)", 0);
  if (!S_ISREG(st.st_mode)) fail(target, "it exists and is not a regular file", S_ISDIR(st.st_mode) ? EISDIR : 0);
}

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
  check_output_target(target);
  TempFile tmp(target);
  tmp.write_all(content);
  tmp.rename_over_target();
  sync_folder(target.parent_path());
}

}  // namespace oitscan
