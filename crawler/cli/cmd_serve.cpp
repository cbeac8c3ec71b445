// `oitscan serve --db FILE|URL [--config FILE] [--listen ADDR:PORT] [--out DIR] [--workers N] [--queue N] [--express-queue] [fetch options]`
// (contracts.md): the self-check and audit web service. SIGTERM or SIGINT stops accepting, lets
// running checks finish for --drain seconds, hands the rest back to the queue in the database
// (the next start resumes them) and exits 0.
#include <CLI/CLI.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/fetch_flags.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "queue/pg_connection.hpp"
#include "serve/http_server.hpp"
#include "serve/job_queue.hpp"
#include "serve/service.hpp"

namespace oitscan::cli {

Runner add_serve_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::string listen = "127.0.0.1:8568";
    std::string out = "oitscan-serve";
    std::size_t workers = 2;
    std::size_t queue = 20;
    std::size_t per_client = 5;
    std::size_t max_connections = 256;
    double drain = 20;
    bool secure_cookies = false;
    bool express_queue = false;
    std::string config;
    FetchFlags fetch;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("serve", "The self-check and audit web service");
  cmd->add_option("--db", opt->db, "SQLite file or PostgreSQL URL (jobs, auditors, sessions, history; required here or as db: in --config)");
  cmd->add_option("--config", opt->config, "YAML configuration file: db, out, resolve, fetch settings (flags given here win over it)");
  cmd->add_option("--listen", opt->listen, "ADDR:PORT to listen on (default 127.0.0.1:8568)");
  cmd->add_option("--out", opt->out, "folder for each check's outputs (default ./oitscan-serve)");
  cmd->add_option("--workers", opt->workers, "checks running at once (default 2)")->check(CLI::Range(1, 64));
  cmd->add_option("--queue", opt->queue, "checks waiting at most; more are answered 429 (default 20)")->check(CLI::Range(1, 10000));
  cmd->add_option("--per-client", opt->per_client, "waiting or running checks of one client address at most (default 5)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--max-connections", opt->max_connections, "open connections at most (default 256)")->check(CLI::Range(4, 10000));
  cmd->add_option("--drain", opt->drain, "on SIGTERM, seconds to let running checks finish before handing them back (default 20)")
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_flag("--express-queue", opt->express_queue,
                "hand self-checks to the PostgreSQL job queue's express lane (--db postgresql://…) for `oitscan worker` "
                "processes instead of running them here; --workers is then how many the service follows at once");
  cmd->add_flag("--secure-cookies", opt->secure_cookies, "mark cookies Secure (when served over HTTPS behind a proxy)");
  add_fetch_flags(*cmd, opt->fetch, true);
  return [opt, cmd]() {
    namespace asio = boost::asio;
    if (!opt->config.empty()) {
      const ConfigFile config = load_config_file(opt->config);
      apply_config(config, *cmd, opt->fetch);
      if (config.db && cmd->count("--db") == 0) opt->db = *config.db;
      if (config.out && cmd->count("--out") == 0) opt->out = config.out->string();
    }
    if (opt->db.empty()) throw InputError("<arguments>", 0, "--db", "give the database with --db FILE or db: in --config");
    std::pair<std::string, unsigned short> listen;
    try {
      listen = serve::split_listen(opt->listen);
    } catch (const std::invalid_argument& e) {
      throw InputError("<arguments>", 0, "--listen", e.what());
    }
    if (opt->express_queue && !queue::is_postgres_url(opt->db)) {
      throw InputError("<arguments>", 0, "--express-queue", "the express lane is a PostgreSQL queue: give --db postgresql://…");
    }
    serve::ServiceDb db(opt->db);
    check::RuleCatalog catalog(data_dir() / "rules");
    serve::QueueOptions queue_options;
    queue_options.workers = opt->workers;
    queue_options.capacity = opt->queue;
    queue_options.per_client = opt->per_client;
    queue_options.out_dir = std::filesystem::absolute(opt->out);
    queue_options.run.fetch = to_fetch_options(opt->fetch);
    queue_options.run.unit_budget = unit_budget_of(opt->fetch);
    if (opt->express_queue) queue_options.express_queue_db = opt->db;
    queue_options.rules_root = data_dir() / "rules";
    queue_options.reports_dir = data_dir() / "reports";
    serve::HistoryLink history(opt->db);
    serve::JobQueue queue(db, history, catalog, queue_options);

    serve::ServiceOptions service_options;
    service_options.allow_private = opt->fetch.allow_private;
    service_options.secure_cookies = opt->secure_cookies;
    service_options.assets_dir = data_dir() / "templates" / "serve";
    service_options.reports_dir = data_dir() / "reports";
    serve::Service service(db, history, catalog, queue, service_options);

    asio::io_context io;
    serve::ServerLimits limits;
    limits.max_connections = opt->max_connections;
    serve::HttpServer server(io, listen.first, listen.second, limits,
                             [&service](const serve::Request& r, const std::string& client) { return service.handle(r, client); });
    queue.start();
    server.start();
    std::size_t handed_back = 0;
    asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](const boost::system::error_code&, int number) {
      std::cerr << "oitscan serve: signal " << number << ": no new checks; letting running ones finish\n";
      server.stop();
      io.stop();
    });
    std::cerr << "oitscan serve: listening on http://" << opt->listen.substr(0, opt->listen.rfind(':')) << ":" << server.port() << "/ ("
              << opt->workers << " workers, queue " << opt->queue << ")\n";
    io.run();
    handed_back = queue.stop(std::chrono::milliseconds(static_cast<long long>(opt->drain * 1000)));
    const bool idle = server.wait_idle(std::chrono::seconds(2));
    std::cerr << "oitscan serve: stopped; " << handed_back << " running checks handed back to the queue\n";
    if (handed_back > 0 || !idle) {
      // A worker still inside run_unit (which cannot be interrupted; its job is queued again in
      // the database) or a connection thread still writing: end here, without unwinding under them.
      std::cerr.flush();
      std::_Exit(0);
    }
    return 0;
  };
}

}  // namespace oitscan::cli
