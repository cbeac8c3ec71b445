#pragma once
// OCR with the tesseract CLI (tha+eng), one process per image, OMP_THREAD_LIMIT=1 (OpenMP on two
// cores makes it ~6x slower, debian-deps.md §4), killed when its time budget runs out.
#include <filesystem>
#include <string>

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

// A unique path in the temporary directory; the caller removes the file.
std::filesystem::path temp_file_path(const std::string& suffix);

}  // namespace oitscan::extract
