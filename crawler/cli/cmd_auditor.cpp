// `oitscan auditor add NAME --db FILE`: creates (or resets the password of) an auditor of the web
// service. The password is read from standard input (first line), never from the command line,
// and stored only as an Argon2id hash.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "common/input_error.hpp"
#include "serve/auth.hpp"
#include "serve/service_db.hpp"

namespace oitscan::cli {

Runner add_auditor_command(CLI::App& app) {
  struct Options {
    std::string name;
    std::string db;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("auditor", "Auditor accounts of the web service");
  cmd->require_subcommand(1);
  auto* add = cmd->add_subcommand("add", "Create an auditor, or set a new password (read from standard input)");
  add->add_option("NAME", opt->name, "auditor name: a-z 0-9 . _ - (at most 64)")->required();
  add->add_option("--db", opt->db, "the service's database (SQLite file or PostgreSQL URL)")->required();
  return [opt]() {
    if (!serve::valid_auditor_name(opt->name)) {
      throw InputError("<arguments>", 0, "NAME", "'" + opt->name + "' is not a valid auditor name (a-z 0-9 . _ -, 1 to 64 characters)");
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < 10) throw InputError("<stdin>", 1, "password", "must be at least 10 characters");
    if (password.size() > 1024) throw InputError("<stdin>", 1, "password", "must be at most 1024 characters");
    serve::ServiceDb db(opt->db);
    db.put_auditor({opt->name, serve::hash_password(password)});
    std::cout << "auditor " << opt->name << " saved\n";
    return 0;
  };
}

}  // namespace oitscan::cli
