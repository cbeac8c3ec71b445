#pragma once
// Opening the history database for the commands that read it (history, export, prune, override):
// unlike `scan`, they never create one, so a mistyped --db is an error, not an empty answer.
#include <filesystem>
#include <string>

#include "common/input_error.hpp"
#include "store/history_store.hpp"

namespace oitscan::cli {

inline store::HistoryStore open_history_db(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw InputError(path, 0, "--db", "no history database here (oitscan scan --db creates one)");
  }
  return store::HistoryStore::open(path);
}

}  // namespace oitscan::cli
