#include "extract/ocr.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

namespace oitscan::extract {
namespace {

std::string find_in_path(const std::string& exe) {
  const char* path = std::getenv("PATH");
  std::string p = path == nullptr ? "/usr/bin:/bin" : path;
  std::size_t start = 0;
  while (start <= p.size()) {
    const std::size_t end = p.find(':', start);
    const std::string dir = p.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + exe;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return {};
}

}  // namespace

bool tesseract_available() {
  static const bool available = !find_in_path("tesseract").empty();
  return available;
}

PrivateTempDir::PrivateTempDir() {
  std::string name = (std::filesystem::temp_directory_path() / "oitscan-ocr-XXXXXX").string();
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) != nullptr) dir_ = buf.data();
}

PrivateTempDir::~PrivateTempDir() {
  std::error_code ec;
  if (ok()) std::filesystem::remove_all(dir_, ec);
}

bool write_new_file(const std::filesystem::path& file, std::string_view bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = true;
  while (ok && !bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) ok = false;
  if (!ok) ::unlink(file.c_str());
  return ok;
}

OcrResult run_tesseract(const std::filesystem::path& image, double timeout_seconds, const std::string& languages) {
  OcrResult r;
  const auto start = std::chrono::steady_clock::now();
  const std::string exe = find_in_path("tesseract");
  if (exe.empty()) {
    r.error = "tesseract is not installed";
    return r;
  }
  // Close-on-exec: pages are OCR'd concurrently, and a write end inherited by another page's
  // tesseract would keep this pipe open until that process ended.
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) {
    r.error = "pipe failed";
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, pipefd[0]);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

  std::vector<std::string> env_store;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "OMP_THREAD_LIMIT=", 17) != 0) env_store.emplace_back(*e);
  }
  env_store.emplace_back("OMP_THREAD_LIMIT=1");
  std::vector<char*> envp;
  for (auto& s : env_store) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_store = {exe, image.string(), "stdout", "-l", languages};
  std::vector<char*> argv;
  for (auto& s : args_store) argv.push_back(s.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(pipefd[1]);
  if (rc != 0) {
    ::close(pipefd[0]);
    r.error = "could not start tesseract";
    return r;
  }
  bool timed_out = false;
  char buf[8192];
  for (;;) {
    const double left =
        timeout_seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{pipefd[0], POLLIN, 0};
    const int pr = ::poll(&p, 1, static_cast<int>(std::min(left, 1.0) * 1000) + 1);
    if (pr < 0 && errno != EINTR) break;
    if (pr <= 0) continue;
    const ssize_t n = ::read(pipefd[0], buf, sizeof buf);
    if (n <= 0) break;
    r.text.append(buf, static_cast<std::size_t>(n));
    if (r.text.size() > (8u << 20)) break;
  }
  ::close(pipefd[0]);
  if (timed_out) ::kill(pid, SIGKILL);  // our own child, by its pid
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (timed_out) {
    r.error = "tesseract timed out after " + std::to_string(static_cast<int>(timeout_seconds)) + " s";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    r.error = "tesseract failed";
  } else {
    r.ok = true;
  }
  return r;
}

}  // namespace oitscan::extract
