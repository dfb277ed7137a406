// The embedded default. WAL with synchronous=NORMAL: a commit is in the WAL file before add() returns,
// so it survives the process being killed (a power cut may lose the last commits; FULL would cost an
// fsync per entry). One connection behind a mutex (SQLite serialises writers anyway); entries that arrive
// together share a transaction, written by one thread.
#include <sqlite3.h>

#include <condition_variable>
#include <future>
#include <thread>
#include <mutex>
#include <vector>

#include "store.hpp"

namespace smartcp::log {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS consent_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  received INTEGER NOT NULL,
  day TEXT NOT NULL,
  revision INTEGER NOT NULL,
  method TEXT NOT NULL,
  analytics INTEGER NOT NULL,
  marketing INTEGER NOT NULL,
  entry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_log_id ON consent_log (id);
CREATE INDEX IF NOT EXISTS consent_log_received ON consent_log (received);
CREATE INDEX IF NOT EXISTS consent_log_day ON consent_log (day);
)sql";

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets the statement and its bindings when a call is done with it, whatever happened.
struct Use {
  sqlite3_stmt* s;
  ~Use() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

std::string text(sqlite3_stmt* s, int column) {
  const unsigned char* p = sqlite3_column_text(s, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s, column))) : std::string();
}

void bind_text(sqlite3_stmt* s, int index, const std::string& value) {
  sqlite3_bind_text(s, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("cannot open the SQLite database " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    exec(kSchema);
    insert_ = std::make_unique<Statement>(db_,
        "INSERT INTO consent_log (id, received, day, revision, method, analytics, marketing, entry) VALUES (?,?,?,?,?,?,?,?)");
    find_ = std::make_unique<Statement>(db_, "SELECT seq, received, entry FROM consent_log WHERE id = ? ORDER BY seq");
    erase_ = std::make_unique<Statement>(db_, "DELETE FROM consent_log WHERE id = ?");
    after_ = std::make_unique<Statement>(db_, "SELECT seq, received, entry FROM consent_log WHERE seq > ? ORDER BY seq LIMIT ?");
    stats_ = std::make_unique<Statement>(db_,
        "SELECT day, revision, method, COUNT(*), SUM(analytics), SUM(marketing) FROM consent_log "
        "WHERE day BETWEEN ? AND ? GROUP BY day, revision, method ORDER BY day, revision, method");
    purge_ = std::make_unique<Statement>(db_, "DELETE FROM consent_log WHERE received < ?");
    writer_ = std::thread([this] { write_loop(); });
  }

  ~SqliteStore() override {
    {
      std::lock_guard lock(queue_mutex_);
      stopping_ = true;
    }
    arrived_.notify_one();
    writer_.join();
    insert_.reset(), find_.reset(), erase_.reset(), after_.reset(), stats_.reset(), purge_.reset();
    sqlite3_close(db_);
  }

  // Group commit: a writer thread takes whatever entries have arrived and writes them in one
  // transaction; each caller returns once its own entry is committed (or throws if that failed).
  void add(const LogEntry& entry, TimeMs received) override {
    Pending me{&entry, received, {}};
    std::future<std::string> result = me.result.get_future();
    {
      std::lock_guard lock(queue_mutex_);
      if (stopping_) throw StoreError("the store is closing");
      queue_.push_back(&me);
    }
    arrived_.notify_one();
    if (std::string error = result.get(); !error.empty()) throw StoreError(error);
  }

  std::vector<StoredEntry> find(const std::string& id) override {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* s = find_->get();
    Use use{s};
    bind_text(s, 1, id);
    return entries(s);
  }

  std::int64_t erase(const std::string& id) override {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* s = erase_->get();
    Use use{s};
    bind_text(s, 1, id);
    step_done(s);
    return sqlite3_changes(db_);
  }

  std::vector<StoredEntry> after(std::int64_t seq, std::size_t limit) override {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* s = after_->get();
    Use use{s};
    sqlite3_bind_int64(s, 1, seq);
    sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(limit));
    return entries(s);
  }

  std::vector<StatsRow> stats(const std::string& from_day, const std::string& to_day) override {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* s = stats_->get();
    Use use{s};
    bind_text(s, 1, from_day);
    bind_text(s, 2, to_day);
    std::vector<StatsRow> rows;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      rows.push_back({text(s, 0), sqlite3_column_int(s, 1), text(s, 2), sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4),
                      sqlite3_column_int64(s, 5)});
    }
    if (rc != SQLITE_DONE) throw error();
    return rows;
  }

  std::int64_t purge(TimeMs before) override {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* s = purge_->get();
    Use use{s};
    sqlite3_bind_int64(s, 1, before);
    step_done(s);
    return sqlite3_changes(db_);
  }

 private:
  struct Pending {
    const LogEntry* entry;
    TimeMs received;
    std::promise<std::string> result;  // empty when committed, else why not
  };

  void write_loop() {
    std::unique_lock lock(queue_mutex_);
    for (;;) {
      arrived_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      std::vector<Pending*> batch;
      batch.swap(queue_);
      lock.unlock();
      std::string error = write(batch);
      for (Pending* p : batch) p->result.set_value(error);
      lock.lock();
    }
  }

  // One transaction for the batch; on failure none of it is kept and the reason is returned.
  std::string write(const std::vector<Pending*>& batch) {
    std::lock_guard lock(mutex_);
    try {
      exec("BEGIN IMMEDIATE");
      for (const Pending* p : batch) insert(*p->entry, p->received);
      exec("COMMIT");
      return {};
    } catch (const StoreError& e) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return e.what();
    }
  }

  void insert(const LogEntry& entry, TimeMs received) {
    sqlite3_stmt* s = insert_->get();
    Use use{s};
    const ConsentRecord& r = entry.record;
    bind_text(s, 1, r.id);
    sqlite3_bind_int64(s, 2, received);
    bind_text(s, 3, utc_day(received));
    sqlite3_bind_int(s, 4, r.revision);
    bind_text(s, 5, std::string(to_string(r.method)));
    sqlite3_bind_int(s, 6, (r.categories & category::analytics) ? 1 : 0);
    sqlite3_bind_int(s, 7, (r.categories & category::marketing) ? 1 : 0);
    bind_text(s, 8, to_json(entry).dump());
    step_done(s);
  }

  StoreError error() const { return StoreError(std::string("sqlite: ") + sqlite3_errmsg(db_)); }

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message ? message : "unknown error";
      sqlite3_free(message);
      throw StoreError("sqlite: " + why);
    }
  }

  void step_done(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) throw error();
  }

  std::vector<StoredEntry> entries(sqlite3_stmt* s) {
    std::vector<StoredEntry> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), text(s, 2)});
    if (rc != SQLITE_DONE) throw error();
    return out;
  }

  std::mutex mutex_;  // the connection and its statements
  std::mutex queue_mutex_;
  std::condition_variable arrived_;
  std::vector<Pending*> queue_;
  bool stopping_ = false;
  std::thread writer_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statement> insert_, find_, erase_, after_, stats_, purge_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) { return std::make_unique<SqliteStore>(path); }

}  // namespace smartcp::log
