// The rule loader (evaluate/rule_loader.cpp) on arbitrary bytes. The first byte chooses which file
// of a rule set the rest replaces: odd = an item file next to the real ruleset.yaml, even = the
// ruleset.yaml next to a real item file. A rule set or InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "common/input_error.hpp"
#include "evaluate/rules.hpp"
#include "fuzz_file.hpp"

namespace {

const std::filesystem::path kRealSet = std::filesystem::path(OITSCAN_FUZZ_RULES_DIR);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto dir = oitscan::fuzz::scratch_dir() / "rules";
  std::filesystem::create_directories(dir);
  const bool item = (data[0] & 1) != 0;
  std::filesystem::remove(dir / "ruleset.yaml");
  std::filesystem::remove(dir / "O01.yaml");
  if (item) {
    std::filesystem::copy_file(kRealSet / "ruleset.yaml", dir / "ruleset.yaml");
    std::filesystem::rename(oitscan::fuzz::write_input("item.tmp", data + 1, size - 1), dir / "O01.yaml");
  } else {
    std::filesystem::copy_file(kRealSet / "O01.yaml", dir / "O01.yaml");
    std::filesystem::rename(oitscan::fuzz::write_input("set.tmp", data + 1, size - 1), dir / "ruleset.yaml");
  }
  try {
    (void)oitscan::evaluate::load_rule_set(dir);
  } catch (const oitscan::InputError&) {
  }
  return 0;
}
