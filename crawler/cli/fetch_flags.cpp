#include "cli/fetch_flags.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <filesystem>

#include "common/input_error.hpp"

namespace oitscan::cli {

void add_fetch_flags(CLI::App& cmd, FetchFlags& flags, bool per_unit) {
  if (per_unit) {
    cmd.add_option("--unit-budget", flags.unit_budget,
                   "most time one unit's crawl may take, seconds (default 600, 0 = none); what is left then is unverified");
  }
  cmd.add_option("--resolve", flags.resolve, "HOST:PORT:ADDR, connect to ADDR for HOST:PORT (repeatable)")->allow_extra_args(false);
  cmd.add_flag("--allow-private", flags.allow_private, "permit loopback and private addresses (refused by default)");
  cmd.add_option("--user-agent", flags.user_agent, "override the default, honest User-Agent");
  cmd.add_option("--timeout", flags.timeout, "most time one URL may take, retries included, seconds (default 30)");
  cmd.add_option("--cacert", flags.cacert, "extra CA certificates (PEM) to trust")->check(CLI::ExistingFile);
  cmd.add_flag("--insecure-tls", flags.insecure_tls, "proceed past certificate errors, still recording them as findings");
  cmd.add_option("--cache", flags.cache, "conditional-GET cache folder (ETag / Last-Modified)");
}

fetch::FetchOptions to_fetch_options(const FetchFlags& flags) {
  fetch::FetchOptions o;
  if (!flags.user_agent.empty()) o.user_agent = flags.user_agent;
  o.resolve = flags.resolve;
  o.allow_private = flags.allow_private;
  if (!(flags.timeout > 0) || !std::isfinite(flags.timeout)) {
    throw InputError("<arguments>", 0, "--timeout", "must be a positive number of seconds");
  }
  o.total_timeout = std::chrono::milliseconds(static_cast<long long>(flags.timeout * 1000.0));
  o.connect_timeout = std::min(o.connect_timeout, o.total_timeout);
  o.cacert = flags.cacert.empty() ? "" : std::filesystem::absolute(flags.cacert).string();
  o.insecure_tls = flags.insecure_tls;
  o.cache_dir = flags.cache;
  return o;
}

std::chrono::milliseconds unit_budget_of(const FetchFlags& flags) {
  if (!(flags.unit_budget >= 0) || !std::isfinite(flags.unit_budget)) {
    throw InputError("<arguments>", 0, "--unit-budget", "must be 0 or a positive number of seconds");
  }
  return std::chrono::milliseconds(static_cast<long long>(flags.unit_budget * 1000.0));
}

}  // namespace oitscan::cli
