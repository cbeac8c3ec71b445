// Runs every case file under tests/cli/cases/ against the real oitscan binary (see README.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) s.replace(pos, from.size(), to);
  return s;
}

json yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    json out = json::object();
    for (const auto& kv : node) out[kv.first.as<std::string>()] = yaml_to_json(kv.second);
    return out;
  }
  if (node.IsSequence()) {
    json out = json::array();
    for (const auto& v : node) out.push_back(yaml_to_json(v));
    return out;
  }
  if (node.IsNull()) return nullptr;
  const auto text = node.as<std::string>();
  if (node.Tag() != "!") {  // plain (unquoted) scalars may be numbers or booleans
    if (text == "true" || text == "false") return text == "true";
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size()) return number;
  }
  return text;
}

// Every field of `expected` must be in `actual` with the same value (numbers to 0.001).
void check_subset(const json& expected, const json& actual, const std::string& path) {
  INFO("at " << path << ": expected " << expected.dump() << ", got " << actual.dump());
  if (expected.is_object()) {
    REQUIRE(actual.is_object());
    for (const auto& [k, v] : expected.items()) {
      REQUIRE(actual.contains(k));
      check_subset(v, actual[k], path + "." + k);
    }
  } else if (expected.is_number()) {
    REQUIRE(actual.is_number());
    CHECK(std::abs(expected.get<double>() - actual.get<double>()) < 0.001);
  } else {
    CHECK(expected == actual);
  }
}

void run_case(const fs::path& file) {
  const YAML::Node c = YAML::LoadFile(file.string());
  const fs::path dir = fs::temp_directory_path() / ("oitscan-cli-" + std::to_string(::getpid())) / file.stem();
  fs::remove_all(dir);
  fs::create_directories(dir);
  if (auto files = c["files"]) {
    for (const auto& kv : files) {
      const fs::path target = dir / kv.first.as<std::string>();
      fs::create_directories(target.parent_path());
      // `!!binary` (base64) gives bytes a YAML text cannot hold, such as invalid UTF-8.
      if (kv.second.Tag() == "tag:yaml.org,2002:binary") {
        const auto bytes = YAML::DecodeBase64(kv.second.as<std::string>());
        std::ofstream(target, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      } else {
        std::ofstream(target, std::ios::binary) << kv.second.as<std::string>();
      }
    }
  }
  if (auto sizes = c["resize"]) {  // file: bytes — grows a written file with NULs (a large input without a large case)
    for (const auto& kv : sizes) fs::resize_file(dir / kv.first.as<std::string>(), kv.second.as<std::uintmax_t>());
  }
  if (auto links = c["symlinks"]) {  // link (in {dir}) -> target ({dir} replaced): outputs that must not be followed
    for (const auto& kv : links) {
      const fs::path link = dir / kv.first.as<std::string>();
      fs::create_directories(link.parent_path());
      fs::create_symlink(replace_all(kv.second.as<std::string>(), "{dir}", dir.string()), link);
    }
  }
  std::string command;
  if (auto env = c["env"]) {  // VAR: value ({dir} replaced) for this run only, e.g. a wrong OITSCAN_DATA_DIR
    command = "env";
    for (const auto& kv : env) command += " " + shell_quote(kv.first.as<std::string>() + "=" + replace_all(kv.second.as<std::string>(), "{dir}", dir.string()));
    command += " ";
  }
  command += shell_quote(OITSCAN_BINARY);
  for (const auto& a : c["args"]) command += " " + shell_quote(replace_all(a.as<std::string>(), "{dir}", dir.string()));
  if (auto in = c["stdin"]) {
    std::ofstream(dir / "stdin.txt", std::ios::binary) << in.as<std::string>();
    command += " < " + shell_quote((dir / "stdin.txt").string());
  } else {
    command += " < /dev/null";
  }
  command += " > " + shell_quote((dir / "stdout.txt").string()) + " 2> " + shell_quote((dir / "stderr.txt").string());
  const int status = std::system(command.c_str());
  const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const std::string out = slurp(dir / "stdout.txt");
  const std::string err = slurp(dir / "stderr.txt");
  INFO("case " << file.filename().string() << ": " << c["name"].as<std::string>("") << "\n$ " << command
               << "\nstdout:\n" << out << "\nstderr:\n" << err);
  CHECK(exit_code == c["exit"].as<int>(0));
  if (auto needles = c["stderr_contains"]) {
    for (const auto& n : needles) CHECK_THAT(err, Catch::Contains(n.as<std::string>()));
  }
  if (auto needles = c["stdout_contains"]) {
    for (const auto& n : needles) CHECK_THAT(out, Catch::Contains(n.as<std::string>()));
  }
  if (auto needles = c["stdout_lacks"]) {  // e.g. the paths of files a failed run did not write
    for (const auto& n : needles) CHECK_THAT(out, !Catch::Contains(n.as<std::string>()));
  }
  if (auto needles = c["stderr_lacks"]) {
    for (const auto& n : needles) CHECK_THAT(err, !Catch::Contains(n.as<std::string>()));
  }
  if (auto present = c["files_present"]) {  // paths in {dir} the run must have written
    for (const auto& f : present) {
      INFO("file " << f.as<std::string>());
      CHECK(fs::exists(dir / f.as<std::string>()));
    }
  }
  if (auto absent = c["files_absent"]) {
    for (const auto& f : absent) CHECK_FALSE(fs::exists(fs::symlink_status(dir / f.as<std::string>())));
  }
  if (auto after = c["files_after"]) {  // these files must hold exactly this afterwards (unchanged by the run)
    for (const auto& kv : after) {
      INFO("file " << kv.first.as<std::string>());
      CHECK(slurp(dir / kv.first.as<std::string>()) == kv.second.as<std::string>());
    }
  }
  if (auto expected = c["stdout_json"]) {
    json actual;
    REQUIRE_NOTHROW(actual = json::parse(out));
    check_subset(yaml_to_json(expected), actual, "$");
  }
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE("oitscan CLI cases", "[cli]") {
  const fs::path root = fs::path(OITSCAN_TEST_SOURCE_DIR) / "tests" / "cli" / "cases";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& f : files) {
    DYNAMIC_SECTION(fs::relative(f, root).string()) { run_case(f); }
  }
}
