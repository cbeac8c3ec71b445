#include "queue/pg_connection.hpp"

#include <charconv>

namespace oitscan::queue {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

PGconn* connect(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (c == nullptr) throw PgError("PostgreSQL: out of memory while connecting");
  if (PQstatus(c) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    std::string why = trimmed(PQerrorMessage(c));
    PQfinish(c);
    throw PgError("cannot connect to PostgreSQL: " + why);
  }
  // The server's NOTICEs ("relation … already exists, skipping") are not for the user's terminal.
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  return c;
}

}  // namespace

std::int64_t PgResult::integer(int row, int col) const {
  const char* v = PQgetvalue(r_.get(), row, col);
  std::int64_t out = 0;
  const auto end = v + std::char_traits<char>::length(v);
  if (std::from_chars(v, end, out).ec != std::errc()) throw PgError(std::string("PostgreSQL: not an integer: ") + v);
  return out;
}

std::int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(r_.get());
  std::int64_t out = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), out);
  return out;
}

PgConnection::PgConnection(const std::string& url) : url_(url), conn_(connect(url), &PQfinish) {}

void PgConnection::reconnect() { conn_.reset(connect(url_)); }

std::string PgConnection::where() const {
  const char* host = PQhost(conn_.get());
  const char* port = PQport(conn_.get());
  const char* db = PQdb(conn_.get());
  return std::string(host ? host : "") + ":" + (port ? port : "") + "/" + (db ? db : "");
}

PgResult PgConnection::exec(std::string_view sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const std::string text(sql);
  return checked(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0));
}

void PgConnection::exec_script(const char* sql) { checked(PQexec(conn_.get(), sql)); }

PgResult PgConnection::checked(PGresult* r) {
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string why = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_.get()));
    if (why.empty()) why = trimmed(PQerrorMessage(conn_.get()));
    std::string code = state ? state : "";
    PQclear(r);
    // A broken connection has no SQLSTATE: PgError::connection_lost() tells the caller to reconnect.
    if (PQstatus(conn_.get()) != CONNECTION_OK) code.clear();
    throw PgError("PostgreSQL " + where() + ": " + why, code);
  }
  return PgResult(r);
}

PgTransaction::PgTransaction(PgConnection& db) : db_(db) { db_.exec("BEGIN"); }

PgTransaction::~PgTransaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const PgError&) {
    // The connection is gone: the server rolled back already.
  }
}

void PgTransaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

bool is_postgres_url(std::string_view db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

}  // namespace oitscan::queue
