#include "cli/fetch_flags.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/config_file.hpp"
#include "common/input_error.hpp"

namespace oitscan::cli {

namespace {

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

CLI::Option* in_range(CLI::Option* option, double lo, double hi) {
  const std::string range = number_text(lo) + " to " + number_text(hi);
  return option->check(CLI::Validator(
      [lo, hi, range](std::string& value) -> std::string {
        const char* begin = value.c_str();
        char* end = nullptr;
        errno = 0;
        const double v = std::strtod(begin, &end);
        const std::string shown = value.size() > 40 ? value.substr(0, 40) + "..." : value;
        if (end == begin || *end != '\0' || !std::isfinite(v) || !(v >= lo && v <= hi))
          return "must be a number from " + range + " (got " + shown + ")";
        return {};
      },
      "NUMBER in [" + range + "]"));
}

void add_fetch_flags(CLI::App& cmd, FetchFlags& flags, bool per_unit) {
  if (per_unit) {
    in_range(cmd.add_option("--unit-budget", flags.unit_budget,
                            "most time one unit's crawl may take, seconds (default 600, 0 = none); what is left then is unverified"),
             0, kMaxUnitBudgetSeconds);
    cmd.add_option("--cpu", flags.cpu, "CPU tasks at once (reading documents, OCR, judging) for all units together (default 0 = one per core)")
        ->check(CLI::Range(0, 256));
  }
  cmd.add_option("--resolve", flags.resolve, "HOST:PORT:ADDR, connect to ADDR for HOST:PORT (repeatable)")->allow_extra_args(false);
  cmd.add_flag("--allow-private", flags.allow_private, "permit loopback and private addresses (refused by default)");
  cmd.add_option("--user-agent", flags.user_agent, "override the default, honest User-Agent");
  in_range(cmd.add_option("--timeout", flags.timeout, "most time one URL may take, retries included, seconds (default 30)"),
           0.001, kMaxTimeoutSeconds);
  cmd.add_option("--cacert", flags.cacert, "extra CA certificates (PEM) to trust")->check(CLI::ExistingFile);
  cmd.add_flag("--insecure-tls", flags.insecure_tls, "proceed past certificate errors, still recording them as findings");
  cmd.add_option("--cache", flags.cache, "conditional-GET cache folder (ETag / Last-Modified)");
}

void add_politeness_flags(CLI::App& cmd, FetchFlags& flags) {
  cmd.add_option("--per-host", flags.per_host, "concurrent transfers per host (default 2)")->check(CLI::Range(1, 64));
  cmd.add_option("--min-delay-ms", flags.min_delay_ms, "least pause between request starts on one host (default 0)")
      ->check(CLI::Range(0L, 600000L));
  cmd.add_flag("--robots", flags.robots, "obey robots.txt (refused URLs: robots-disallowed)");
}

namespace {

std::string host_port_of(const std::string& resolve_entry) {
  const auto first = resolve_entry.find(':');
  const auto second = first == std::string::npos ? first : resolve_entry.find(':', first + 1);
  return second == std::string::npos ? resolve_entry : resolve_entry.substr(0, second);
}

}  // namespace

void apply_config(const ConfigFile& config, const CLI::App& cmd, FetchFlags& flags) {
  auto from_file = [&](const char* option) { return cmd.get_option_no_throw(option) != nullptr && cmd.count(option) == 0; };
  // The file's entries first, then the command line's; one HOST:PORT keeps the command line's.
  std::vector<std::string> resolve;
  for (const auto& e : config.resolve) {
    bool overridden = false;
    for (const auto& given : flags.resolve) overridden = overridden || host_port_of(given) == host_port_of(e);
    if (!overridden) resolve.push_back(e);
  }
  resolve.insert(resolve.end(), flags.resolve.begin(), flags.resolve.end());
  flags.resolve = std::move(resolve);
  if (config.allow_private && from_file("--allow-private")) flags.allow_private = *config.allow_private;
  if (config.user_agent && from_file("--user-agent")) flags.user_agent = *config.user_agent;
  if (config.timeout && from_file("--timeout")) flags.timeout = *config.timeout;
  if (config.cacert && from_file("--cacert")) flags.cacert = config.cacert->string();
  if (config.insecure_tls && from_file("--insecure-tls")) flags.insecure_tls = *config.insecure_tls;
  if (config.cache && from_file("--cache")) flags.cache = config.cache->string();
  if (config.unit_budget && from_file("--unit-budget")) flags.unit_budget = *config.unit_budget;
  if (config.per_host && from_file("--per-host")) flags.per_host = *config.per_host;
  if (config.min_delay_ms && from_file("--min-delay-ms")) flags.min_delay_ms = *config.min_delay_ms;
  if (config.robots && from_file("--robots")) flags.robots = *config.robots;
  if (!flags.cacert.empty() && !std::filesystem::is_regular_file(flags.cacert)) {
    throw InputError(config.file.string(), 0, "cacert", "no such file: " + flags.cacert);
  }
}

fetch::FetchOptions to_fetch_options(const FetchFlags& flags) {
  fetch::FetchOptions o;
  if (!flags.user_agent.empty()) o.user_agent = flags.user_agent;
  o.resolve = flags.resolve;
  o.allow_private = flags.allow_private;
  // Checked again here for values that come from a --config file rather than the command line.
  if (!(flags.timeout >= 0.001 && flags.timeout <= kMaxTimeoutSeconds)) {
    throw InputError("<arguments>", 0, "--timeout", "must be a number of seconds from 0.001 to " + number_text(kMaxTimeoutSeconds));
  }
  o.total_timeout = std::chrono::milliseconds(static_cast<long long>(flags.timeout * 1000.0));
  o.connect_timeout = std::min(o.connect_timeout, o.total_timeout);
  o.cacert = flags.cacert.empty() ? "" : std::filesystem::absolute(flags.cacert).string();
  o.insecure_tls = flags.insecure_tls;
  o.cache_dir = flags.cache;
  if (flags.per_host < 1) throw InputError("<arguments>", 0, "--per-host", "must be at least 1");
  o.per_host_connections = flags.per_host;
  if (flags.min_delay_ms < 0) throw InputError("<arguments>", 0, "--min-delay-ms", "must not be negative");
  o.min_host_delay = std::chrono::milliseconds(flags.min_delay_ms);
  o.max_host_delay = std::max(o.max_host_delay, o.min_host_delay);
  o.respect_robots = flags.robots;
  return o;
}

std::chrono::milliseconds unit_budget_of(const FetchFlags& flags) {
  if (!(flags.unit_budget >= 0 && flags.unit_budget <= kMaxUnitBudgetSeconds)) {
    throw InputError("<arguments>", 0, "--unit-budget", "must be a number of seconds from 0 to " + number_text(kMaxUnitBudgetSeconds));
  }
  return std::chrono::milliseconds(static_cast<long long>(flags.unit_budget * 1000.0));
}

}  // namespace oitscan::cli
