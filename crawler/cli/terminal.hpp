#pragma once
// How the CLI talks to the person at the terminal: whether stderr is a terminal (live progress,
// colour) or a pipe or log file (plain lines), which language(s) to speak, and --quiet.
// NO_COLOR (https://no-color.org) turns colour off whatever the terminal.
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace oitscan::cli {

enum class Lang { th, en, both };

struct Terminal {
  bool tty = false;    // stderr is a terminal
  bool color = false;  // tty, NO_COLOR unset or empty, TERM not "dumb"
  bool quiet = false;  // --quiet: no progress and no notes on stderr, only errors
  Lang lang = Lang::both;

  // Looks at the file descriptor (stderr by default; stdout for the summary) and the environment.
  static Terminal detect(bool quiet, Lang lang, int fd = 2);

  // `text` in an ANSI colour when colour is on; as is otherwise.
  enum class Color { red, green, yellow, dim, bold };
  std::string paint(Color c, std::string_view text) const;

  // Thai, English or both ("ไทย / English") as --lang asks.
  std::string say(std::string_view th, std::string_view en) const;
};

// --quiet, --lang and --config of the commands that run units (check, scan).
struct TerminalFlags {
  bool quiet = false;
  std::string lang = "both";
  std::string config;
};
void add_terminal_flags(CLI::App& cmd, TerminalFlags& flags);
Lang parse_lang(const std::string& text);

// Terminal text from a web page or a server: control characters (escape sequences) never reach
// the terminal.
std::string printable(std::string_view text);

}  // namespace oitscan::cli
