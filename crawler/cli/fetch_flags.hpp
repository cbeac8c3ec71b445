#pragma once
// The options every fetching subcommand shares (contracts.md "Options shared by every subcommand
// that fetches"), in one place.
#include <chrono>
#include <string>
#include <vector>

#include "fetch/fetch_options.hpp"

namespace CLI {
class App;
class Option;
}

namespace oitscan::cli {

struct FetchFlags {
  std::vector<std::string> resolve;
  bool allow_private = false;
  std::string user_agent;
  double timeout = 30;
  std::string cacert;
  bool insecure_tls = false;
  std::string cache;
  double unit_budget = 600;  // check/scan: most time one unit's crawl may take, seconds (0 = none)
  std::size_t cpu = 0;       // check/scan: CPU tasks at once for the whole process (0 = one per core)
  // Politeness (fetch, check, scan; contracts.md "Configuration" politeness).
  std::size_t per_host = 2;
  long min_delay_ms = 0;
  bool robots = false;
};

struct ConfigFile;
// Range-checks a number option at parse time: a value that is not a number or lies outside
// [lo, hi] is an argument error (exit 2) "--timeout: must be a number from 0.001 to 86400 (got 1e16)".
// Every number option of every subcommand goes through this, so no value can overflow a
// conversion further on (seconds to milliseconds, sizes, counts).
CLI::Option* in_range(CLI::Option* option, double lo, double hi);

// Limits of the shared options, seconds.
inline constexpr double kMaxTimeoutSeconds = 86'400;        // one URL: a day at most
inline constexpr double kMaxUnitBudgetSeconds = 7 * 86'400; // one unit: a week at most

// `per_unit` adds --unit-budget (the subcommands that crawl units: check, scan).
void add_fetch_flags(CLI::App& cmd, FetchFlags& flags, bool per_unit = false);

// --per-host, --min-delay-ms, --robots.
void add_politeness_flags(CLI::App& cmd, FetchFlags& flags);

// Takes from `config` every fetch setting that was not given on `cmd`'s command line (flags win).
// --resolve entries of the command line replace the file's entries for the same HOST:PORT only.
void apply_config(const ConfigFile& config, const CLI::App& cmd, FetchFlags& flags);

// --unit-budget as a duration; throws InputError when negative.
std::chrono::milliseconds unit_budget_of(const FetchFlags& flags);

// Throws InputError for values out of range.
fetch::FetchOptions to_fetch_options(const FetchFlags& flags);

}  // namespace oitscan::cli
