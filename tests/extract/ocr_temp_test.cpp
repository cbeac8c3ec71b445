// OCR's temporary files: in a private folder of our own, created exclusively, removed afterwards.
// Predictable names in a shared /tmp let another user plant a link we would write through.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "extract/ocr.hpp"

namespace fs = std::filesystem;
using namespace oitscan;

TEST_CASE("OCR temporary files live in a fresh private folder and are never written through a link", "[extract][ocr-temp]") {
  fs::path kept;
  {
    const extract::PrivateTempDir a;
    const extract::PrivateTempDir b;
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    kept = a.file(".png").parent_path();
    CHECK(kept != b.file(".png").parent_path());  // unpredictable: a new folder each time
    struct stat st {};
    REQUIRE(::stat(kept.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);  // no one else can create anything inside

    const fs::path file = a.file(".png");
    CHECK(extract::write_new_file(file, "bytes"));
    std::ifstream in(file, std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "bytes");
    CHECK_FALSE(extract::write_new_file(file, "again"));  // exclusive: an existing file is not reused

    const fs::path target = b.file(".target");
    std::ofstream(target) << "keep";
    const fs::path link = b.file(".tif");
    fs::create_symlink(target, link);
    CHECK_FALSE(extract::write_new_file(link, "through the link"));
    std::ifstream t(target);
    CHECK(std::string(std::istreambuf_iterator<char>(t), {}) == "keep");
  }
  CHECK_FALSE(fs::exists(kept));  // removed with everything in it
}
