#pragma once
// One throwaway PostgreSQL cluster per test process (tests/queue/pg_cluster.sh): started on first
// use, stopped and removed at exit. Its URL points at a Unix socket inside a scratch folder.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "support/test_support.hpp"

namespace oitscan::test {

class PgCluster {
 public:
  static PgCluster& instance() {
    static PgCluster cluster;
    return cluster;
  }
  const std::string& url() const { return url_; }
  // A crash and recovery of the server (`pg_ctl restart -m immediate`).
  void restart() const { run("restart"); }

 private:
  PgCluster() : dir_("pg") {
    const auto r = run_command(script() + " start " + shell_quote(dir_.path().string()));
    if (r.exit_code != 0) throw std::runtime_error("could not start a PostgreSQL cluster (see the test log)");
    url_ = r.out.substr(0, r.out.find('\n'));
  }
  ~PgCluster() { run("stop"); }
  static std::string script() { return shell_quote(std::string(OITSCAN_TEST_SOURCE_DIR) + "/tests/queue/pg_cluster.sh"); }
  void run(const std::string& what) const {
    if (run_command(script() + " " + what + " " + shell_quote(dir_.path().string())).exit_code != 0) {
      throw std::runtime_error("pg_cluster.sh " + what + " failed");
    }
  }
  ScratchDir dir_;
  std::string url_;
};

}  // namespace oitscan::test
