#include "extract/fixtures.hpp"

#include <zip.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "thai/utf8.hpp"

namespace oitscan::test {

std::string fixture_path(const std::string& name) {
  return (std::filesystem::path(OITSCAN_TEST_SOURCE_DIR) / "tests/fixtures/docs" / name).string();
}

std::string read_fixture(const std::string& name) {
  std::ifstream in(fixture_path(name), std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + name);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

extract::Document extract_fixture(const std::string& name, extract::ExtractOptions options) {
  const std::string bytes = read_fixture(name);
  return extract::extract_document(bytes, options);
}

std::string zip_bytes(const std::vector<std::pair<std::string, std::string>>& members) {
  const auto path = std::filesystem::temp_directory_path() / ("oitscan-test-zip-" + std::to_string(::getpid()) + ".zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) throw std::runtime_error("zip_open failed for " + path.string());
  for (const auto& [name, data] : members) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    if (src == nullptr || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) < 0) {
      if (src != nullptr) zip_source_free(src);
      zip_discard(z);
      throw std::runtime_error("zip_file_add failed for " + name);
    }
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close failed for " + path.string());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

double character_error_rate(std::string_view reference, std::string_view hypothesis) {
  auto code_points = [](std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
      const char32_t c = thai::next_code_point(s, i);
      if (c != U' ' && c != U'\n' && c != U'\t' && c != U'\r' && c != U'\f') out.push_back(c);
    }
    return out;
  };
  const auto ref = code_points(reference);
  const auto hyp = code_points(hypothesis);
  if (ref.empty()) return hyp.empty() ? 0.0 : 1.0;
  std::vector<std::size_t> prev(hyp.size() + 1), cur(hyp.size() + 1);
  for (std::size_t j = 0; j <= hyp.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= ref.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= hyp.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? 0u : 1u)});
    }
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[hyp.size()]) / static_cast<double>(ref.size());
}

}  // namespace oitscan::test
