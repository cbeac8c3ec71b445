#pragma once
// `--config FILE` (contracts.md "Configuration"): the settings a nightly service keeps in one YAML
// file instead of repeating them on every command line. check, scan and serve read it; a flag
// given on the command line wins over the file. Every key is optional; an unknown key, a value of
// the wrong kind or out of range is an InputError naming FILE:LINE: field.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace oitscan::cli {

struct ConfigFile {
  std::filesystem::path file;  // as given; relative paths inside are taken from its folder

  // contracts.md keys
  std::vector<std::string> resolve;  // HOST:PORT:ADDR, as --resolve
  std::optional<bool> allow_private;
  std::optional<std::size_t> per_host;  // politeness.per_host
  std::optional<long> min_delay_ms;     // politeness.min_delay_ms
  std::optional<bool> robots;           // politeness.robots
  std::optional<double> timeout;        // seconds per fetch, retries included
  std::optional<std::string> user_agent;
  std::optional<std::filesystem::path> out;
  std::optional<std::string> db;  // an SQLite path (made absolute) or a postgresql:// URL (as is)
  std::optional<int> retention_runs_per_unit;
  std::optional<int> retention_days;

  // extensions (optional, README "Configuration file")
  std::optional<std::filesystem::path> cacert;
  std::optional<bool> insecure_tls;
  std::optional<std::filesystem::path> cache;
  std::optional<double> unit_budget;  // seconds, 0 = none
  std::optional<std::size_t> jobs;    // scan: units at once
  std::optional<std::string> lang;    // th | en | both
};

// Reads and checks FILE. Throws InputError("FILE", line, "politeness.per_host", "…").
ConfigFile load_config_file(const std::filesystem::path& file);

}  // namespace oitscan::cli
