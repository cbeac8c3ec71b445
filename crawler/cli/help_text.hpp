#pragma once
// What `oitscan SUBCOMMAND --help` says after the options: examples, the exit codes and the
// environment variables, the same words as the man page (packaging/oitscan.1).
#include <initializer_list>
#include <string_view>

namespace CLI {
class App;
}

namespace oitscan::cli {

void describe_command(CLI::App& cmd, std::initializer_list<std::string_view> examples);

}  // namespace oitscan::cli
