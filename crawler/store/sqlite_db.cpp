#include "store/sqlite_db.hpp"

namespace oitscan::store {

namespace {

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(const SqliteDatabase& db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
      db.fail("cannot prepare [" + std::string(sql.substr(0, 60)) + "]");
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_text(int index, std::string_view text) override {
    // SQLITE_TRANSIENT: SQLite copies the bytes, so temporaries are safe to bind.
    check_bind(index, sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_integer(int index, std::int64_t value) override { check_bind(index, sqlite3_bind_int64(stmt_, index, value)); }
  void bind_real(int index, double value) override { check_bind(index, sqlite3_bind_double(stmt_, index, value)); }
  void bind_null(int index) override { check_bind(index, sqlite3_bind_null(stmt_, index)); }

  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail("statement failed");
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string text(int column) const override {
    const auto* p = sqlite3_column_text(stmt_, column);
    if (p == nullptr) return "";
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const override { return sqlite3_column_double(stmt_, column); }

 private:
  void check_bind(int index, int rc) const {
    if (rc != SQLITE_OK) db_.fail("cannot bind parameter " + std::to_string(index));
  }
  const SqliteDatabase& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

SqliteDatabase::SqliteDatabase(const std::filesystem::path& path) : path_(path) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path.string() + ": cannot open database: " + msg);
  }
  // Another oitscan process (or an auditor's sqlite3 shell) may hold a lock for a moment.
  sqlite3_busy_timeout(db_, 10000);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

void SqliteDatabase::fail(const std::string& what) const {
  throw StoreError(path_.string() + ": " + what + ": " + sqlite3_errmsg(db_));
}

void SqliteDatabase::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err != nullptr ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError(path_.string() + ": " + msg);
  }
}

Statement SqliteDatabase::prepare(std::string_view sql) { return Statement(std::make_unique<SqliteStatement>(*this, sql)); }

}  // namespace oitscan::store
