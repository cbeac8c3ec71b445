#include "cli/help_text.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace oitscan::cli {

void describe_command(CLI::App& cmd, std::initializer_list<std::string_view> examples) {
  std::string text;
  if (examples.size() > 0) text += "\nExamples:\n";
  for (const auto& e : examples) text += "  " + std::string(e) + "\n";
  text +=
      "\nExit codes:\n"
      "  0  ran, and everything checked passed\n"
      "  1  ran, and at least one item failed or could not be verified\n"
      "  2  could not run: bad arguments, unreadable or invalid input (FILE:LINE: field: message on stderr)\n"
      "\nEnvironment:\n"
      "  OITSCAN_DATA_DIR          folder holding rules/ and reports/ (default: ../share/oitscan beside the program,\n"
      "                            else the source tree it was built from); a folder without them is exit 2\n"
      "  NO_COLOR                  set and not empty: no colour on the terminal\n"
      "  OITSCAN_PROGRESS_SECONDS  seconds between progress lines when stderr is not a terminal (default 5)\n"
      "  OMP_THREAD_LIMIT          threads per OCR page (tesseract; 1 is best on small machines)\n"
      "\nMore: man oitscan\n";
  cmd.footer(text);
}

}  // namespace oitscan::cli
