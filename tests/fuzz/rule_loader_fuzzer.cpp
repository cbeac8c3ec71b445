// The rule loader (evaluate/rule_loader.cpp) on arbitrary bytes. The first byte chooses which file
// of a rule set the rest replaces: odd = an item file next to the real ruleset.yaml, even = the
// ruleset.yaml next to a real item file. A rule set or InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "common/input_error.hpp"
#include "evaluate/rules.hpp"
#include "fuzz_file.hpp"

namespace {

const std::filesystem::path kRealSet = std::filesystem::path(OITSCAN_FUZZ_RULES_DIR);

// The real files are read once, at the first input. Copying them per input with
// std::filesystem::copy_file (sendfile) failed under libFuzzer's timer signals with EINTR, which
// copy_file does not retry; the stream reads and writes used here do.
const std::string& real_file(const char* name) {
  static const std::string ruleset = [] {
    std::ifstream in(kRealSet / "ruleset.yaml", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  static const std::string item = [] {
    std::ifstream in(kRealSet / "O01.yaml", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  return std::string(name) == "ruleset.yaml" ? ruleset : item;
}

void write_real(const char* name, const std::filesystem::path& to) {
  const std::string& bytes = real_file(name);
  std::filesystem::rename(
      oitscan::fuzz::write_input("real.tmp", reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
      to);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto dir = oitscan::fuzz::scratch_dir() / "rules";
  std::filesystem::create_directories(dir);
  const bool item = (data[0] & 1) != 0;
  std::filesystem::remove(dir / "ruleset.yaml");
  std::filesystem::remove(dir / "O01.yaml");
  if (item) {
    write_real("ruleset.yaml", dir / "ruleset.yaml");
    std::filesystem::rename(oitscan::fuzz::write_input("item.tmp", data + 1, size - 1), dir / "O01.yaml");
  } else {
    write_real("O01.yaml", dir / "O01.yaml");
    std::filesystem::rename(oitscan::fuzz::write_input("set.tmp", data + 1, size - 1), dir / "ruleset.yaml");
  }
  try {
    (void)oitscan::evaluate::load_rule_set(dir);
  } catch (const oitscan::InputError&) {
  }
  return 0;
}
