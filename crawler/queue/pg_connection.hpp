#pragma once
// A thin RAII layer over libpq: one connection, statements with parameters passed separately
// (the only way this project puts values into SQL), results as text, and a transaction guard that
// rolls back unless committed. Values travel as text; the SQL casts them (`$1::bigint`).
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::queue {

class PgError : public std::runtime_error {
 public:
  PgError(const std::string& what, std::string sqlstate = {}) : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  // The SQLSTATE code ("40001" serialization failure, "57P01" admin shutdown …); "" when the
  // connection itself failed.
  const std::string& sqlstate() const { return sqlstate_; }
  // The server went away or the connection broke: reconnecting may help.
  bool connection_lost() const { return sqlstate_.empty() || sqlstate_.rfind("08", 0) == 0 || sqlstate_.rfind("57P", 0) == 0; }

 private:
  std::string sqlstate_;
};

using Param = std::optional<std::string>;  // nullopt = SQL NULL

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string text(int row, int col) const { return PQgetvalue(r_.get(), row, col); }
  std::optional<std::string> optional_text(int row, int col) const {
    return is_null(row, col) ? std::nullopt : std::optional<std::string>(text(row, col));
  }
  std::int64_t integer(int row, int col) const;
  // Rows an INSERT/UPDATE/DELETE touched.
  std::int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

class PgConnection {
 public:
  // `url`: a libpq connection string or URI (postgresql://…). Throws PgError; the message names
  // the server but never the password.
  explicit PgConnection(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  PgConnection(PgConnection&&) = default;
  PgConnection& operator=(PgConnection&&) = default;

  PgResult exec(std::string_view sql, const std::vector<Param>& params = {});
  // Several statements of fixed SQL (a migration); never SQL holding data.
  void exec_script(const char* sql);
  // Drops a broken connection and connects again (the server restarted).
  void reconnect();
  bool alive() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  // Where it is connected, for messages: "host:port/db" (no credentials).
  std::string where() const;

 private:
  PgResult checked(PGresult* r);
  std::string url_;
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
};

class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& db);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& db_;
  bool open_ = true;
};

// True for what --db takes as a PostgreSQL URL rather than an SQLite path.
bool is_postgres_url(std::string_view db);


}  // namespace oitscan::queue
