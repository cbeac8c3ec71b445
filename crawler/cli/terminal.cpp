#include "cli/terminal.hpp"

#include "common/control_chars.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "common/input_error.hpp"

namespace oitscan::cli {

Terminal Terminal::detect(bool quiet, Lang lang, int fd) {
  Terminal t;
  t.tty = ::isatty(fd) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  t.color = t.tty && (no_color == nullptr || *no_color == '\0') && !(term != nullptr && std::strcmp(term, "dumb") == 0);
  t.quiet = quiet;
  t.lang = lang;
  return t;
}

std::string Terminal::paint(Color c, std::string_view text) const {
  if (!color) return std::string(text);
  const char* code = "";
  switch (c) {
    case Color::red: code = "\033[31m"; break;
    case Color::green: code = "\033[32m"; break;
    case Color::yellow: code = "\033[33m"; break;
    case Color::dim: code = "\033[2m"; break;
    case Color::bold: code = "\033[1m"; break;
  }
  return code + std::string(text) + "\033[0m";
}

std::string Terminal::say(std::string_view th, std::string_view en) const {
  switch (lang) {
    case Lang::th: return std::string(th);
    case Lang::en: return std::string(en);
    case Lang::both: break;
  }
  return std::string(th) + " / " + std::string(en);
}

void add_terminal_flags(CLI::App& cmd, TerminalFlags& flags) {
  cmd.add_option("--config", flags.config, "YAML configuration file (flags given here win over it)");
  cmd.add_flag("-q,--quiet", flags.quiet, "no progress and no notes on stderr; errors only");
  cmd.add_option("--lang", flags.lang, "language of messages: th, en or both (default both)")
      ->check(CLI::IsMember({"th", "en", "both"}));
}

Lang parse_lang(const std::string& text) {
  if (text == "th") return Lang::th;
  if (text == "en") return Lang::en;
  if (text == "both") return Lang::both;
  throw InputError("<arguments>", 0, "--lang", "expected th, en or both, not '" + text + "'");
}

std::string printable(std::string_view text) {
  std::string out = replace_control_chars(text);  // C1, bidi overrides, invalid UTF-8 → U+FFFD
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

}  // namespace oitscan::cli
