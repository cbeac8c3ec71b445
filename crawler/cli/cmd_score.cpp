// `oitscan score --framework ID FILE`: the scoring core on its own (contracts.md).
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "common/input_error.hpp"
#include "score/engine.hpp"
#include "score/framework_loader.hpp"
#include "score/score_json.hpp"

namespace oitscan::cli {
namespace {

std::string read_input(const std::string& file) {
  if (file == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, 0, "", "cannot read the file");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

Runner add_score_command(CLI::App& app) {
  struct Options {
    std::string framework;
    std::string file;
    std::string frameworks_dir;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("score", "Compute IIT, EIT, OIT, the ITA total and the rating from scores at any level");
  cmd->add_option("--framework", opt->framework, "framework id (see `oitscan frameworks`) or a framework .yaml file")->required();
  cmd->add_option("--frameworks-dir", opt->frameworks_dir, "folder of framework files (default: rules/frameworks)");
  cmd->add_option("FILE", opt->file, "JSON scores (contracts.md); - reads standard input")->required();
  describe_command(*cmd, {
      "oitscan score --framework bma-district-2568 scores.json",
      "echo '{\"tools\": {\"IIT\": 99.34, \"EIT\": 95.81, \"OIT\": 100}}' | oitscan score --framework bma-district-2567 -",
  });
  return [opt]() {
    const auto dir = opt->frameworks_dir.empty() ? score::default_frameworks_dir() : std::filesystem::path(opt->frameworks_dir);
    const score::Framework fw = score::load_framework(opt->framework, dir);
    const std::string text = read_input(opt->file);
    const score::ScoreInput input = score::parse_score_input(fw, text, opt->file == "-" ? "<stdin>" : opt->file);
    const score::ScoreResult result = score::compute_scores(fw, input);
    std::cout << score::score_to_json(fw, result).dump(2) << "\n";
    return 0;
  };
}

}  // namespace oitscan::cli
