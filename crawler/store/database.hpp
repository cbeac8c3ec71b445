#pragma once
// The store's one door to SQL, whichever database is behind it: SQLite (a file, the embedded
// single-machine default; sqlite_db.cpp) or PostgreSQL (a shared server for a scale-out scan;
// postgres_db.cpp). Statements are written once, in the SQL both accept, with numbered parameters
// ?1, ?2 … bound separately (the only way this project puts values into SQL); the PostgreSQL side
// renumbers them to $1, $2 …. Where the two dialects differ (the schema's id columns, VACUUM,
// taking the write lock), the Database says which it is and the caller asks for what it means.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace oitscan::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Dialect { Sqlite, Postgres };

// What a backend implements for one statement. Columns are numbered from 0, parameters from 1.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual double real(int column) const = 0;
};

class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> impl) : impl_(std::move(impl)) {}

  Statement& bind(int index, std::string_view text) { return impl_->bind_text(index, text), *this; }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value) { return impl_->bind_integer(index, value), *this; }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value) { return impl_->bind_real(index, value), *this; }
  Statement& bind_null(int index) { return impl_->bind_null(index), *this; }
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // True while a row is available; false when done.
  bool step() { return impl_->step(); }
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }
  // Ready to run again; bindings are cleared.
  void reset() { impl_->reset(); }

  bool is_null(int column) const { return impl_->is_null(column); }
  std::string text(int column) const { return impl_->text(column); }  // "" for NULL
  std::optional<std::string> optional_text(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::string>(text(column));
  }
  std::int64_t integer(int column) const { return impl_->integer(column); }
  std::optional<std::int64_t> optional_integer(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::int64_t>(integer(column));
  }
  std::optional<double> optional_real(int column) const {
    return is_null(column) ? std::nullopt : std::optional<double>(impl_->real(column));
  }

 private:
  std::unique_ptr<StatementBackend> impl_;
};

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // For fixed SQL without parameters (schema, pragmas). Never for SQL holding data.
  virtual void exec(const char* sql) = 0;
  virtual Statement prepare(std::string_view sql) = 0;
  // The id the last INSERT on this connection gave its row (an `id` primary key).
  virtual std::int64_t last_insert_id() = 0;
  // Rows the last INSERT/UPDATE/DELETE touched.
  virtual std::int64_t changes() = 0;
  // Starts a transaction that will write (SQLite takes the write lock at once, so two writers
  // never deadlock half-way).
  virtual void begin() = 0;
  virtual Dialect dialect() const = 0;
  // Where the data is, for messages: the file's path, or host:port/database (never a password).
  virtual std::string where() const = 0;
  [[noreturn]] virtual void fail(const std::string& what) const = 0;

 protected:
  Database() = default;
};

// `where` is a PostgreSQL URL (postgresql://… or postgres://…) or else an SQLite file's path.
std::unique_ptr<Database> open_database(const std::string& where);
bool is_postgres_url(std::string_view where);

// The DDL of a migration written for SQLite, as PostgreSQL needs it: an `id INTEGER PRIMARY KEY`
// becomes an identity column, INTEGER becomes BIGINT, REAL becomes DOUBLE PRECISION (PostgreSQL's
// REAL is single precision). One schema text serves both stores.
std::string postgres_ddl(std::string_view sqlite_ddl);

class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) { db_.begin(); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace oitscan::store
