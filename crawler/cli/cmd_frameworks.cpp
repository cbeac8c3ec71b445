// `oitscan frameworks`: lists the scoring frameworks this build knows.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "common/input_error.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::cli {

Runner add_frameworks_command(CLI::App& app) {
  struct Options {
    bool json = false;
    std::string frameworks_dir;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("frameworks", "List the scoring frameworks (assessment years) available");
  cmd->add_flag("--json", opt->json, "print JSON (schema oitscan.frameworks/1)");
  cmd->add_option("--frameworks-dir", opt->frameworks_dir, "folder of framework files (default: rules/frameworks)");
  describe_command(*cmd, {"oitscan frameworks", "oitscan frameworks --json"});
  return [opt]() {
    const auto dir = opt->frameworks_dir.empty() ? score::default_frameworks_dir() : std::filesystem::path(opt->frameworks_dir);
    nlohmann::json list = nlohmann::json::array();
    const auto ids = score::list_frameworks(dir);
    // An empty list is a wrong folder (OITSCAN_DATA_DIR, --frameworks-dir), not an answer.
    if (ids.empty()) throw InputError(dir.string(), 0, "frameworks", "no framework files (*.yaml) in this folder");
    for (const auto& id : ids) {
      const score::Framework fw = score::load_framework_file(dir / (id + ".yaml"));
      std::size_t questions = 0, items = 0;
      for (const auto& n : fw.nodes) {
        questions += n.kind == score::NodeKind::Question ? 1 : 0;
        items += n.kind == score::NodeKind::Item ? 1 : 0;
      }
      nlohmann::json weights = nlohmann::json::object();
      for (int t : fw.tools) weights[fw.node(t).id] = score::to_double(fw.node(t).weight);
      list.push_back({{"id", fw.id}, {"fiscal_year", fw.fiscal_year}, {"title_th", fw.title_th},
                      {"title_en", fw.title_en}, {"questions", questions}, {"oit_items", items},
                      {"weights", weights}, {"rating", fw.rating.front().code + ".." + fw.rating.back().code}});
      if (!opt->json) {
        std::cout << fw.id << "\t" << fw.fiscal_year << "\t" << questions << " questions, " << items
                  << " OIT items\t" << fw.title_en << "\n";
      }
    }
    if (opt->json) std::cout << nlohmann::json{{"schema", "oitscan.frameworks/1"}, {"frameworks", list}}.dump(2) << "\n";
    return 0;
  };
}

}  // namespace oitscan::cli
