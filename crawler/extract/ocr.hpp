#pragma once
// OCR with the tesseract CLI (tha+eng), one process per image, OMP_THREAD_LIMIT=1 (OpenMP on two
// cores makes it ~6x slower, debian-deps.md §4), killed when its time budget runs out.
#include <filesystem>
#include <string>
#include <string_view>

namespace oitscan::extract {

struct OcrResult {
  bool ok = false;
  std::string text;   // raw tesseract output (UTF-8), not yet normalised
  std::string error;  // why it failed: not installed, timeout, exit status
  double seconds = 0;
};

bool tesseract_available();
OcrResult run_tesseract(const std::filesystem::path& image, double timeout_seconds,
                        const std::string& languages = "tha+eng");

// A fresh folder of our own (mkdtemp, mode 0700) for the files tesseract reads, removed with
// everything in it when this goes out of scope. Names in a shared /tmp are predictable and another
// user could plant a symbolic link there; in a private folder no one else can create anything.
class PrivateTempDir {
 public:
  PrivateTempDir();  // see ok(): extraction notes a failed OCR rather than failing the document
  ~PrivateTempDir();
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;

  bool ok() const { return !dir_.empty(); }
  // A path inside the folder for a file with this suffix (".png"); one file per suffix.
  std::filesystem::path file(const std::string& suffix) const { return dir_ / ("input" + suffix); }

 private:
  std::filesystem::path dir_;
};

// Creates `file` exclusively (O_EXCL, never through a link) and writes `bytes`, checking every
// write and the close. False on any failure, with the partial file removed.
bool write_new_file(const std::filesystem::path& file, std::string_view bytes);

}  // namespace oitscan::extract
