// For sites that outgrow one machine. One libpq connection behind a mutex, reset once when the server
// has dropped it. Every statement is parameterised; PostgreSQL's default synchronous_commit makes an
// acknowledged entry durable.
#include <libpq-fe.h>

#include <cstdlib>
#include <mutex>

#include "store.hpp"

namespace smartcp::log {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS consent_log (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL,
  received BIGINT NOT NULL,
  day TEXT NOT NULL,
  revision INTEGER NOT NULL,
  method TEXT NOT NULL,
  analytics SMALLINT NOT NULL,
  marketing SMALLINT NOT NULL,
  entry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_log_id ON consent_log (id);
CREATE INDEX IF NOT EXISTS consent_log_received ON consent_log (received);
CREATE INDEX IF NOT EXISTS consent_log_day ON consent_log (day);
)sql";

struct Result {
  PGresult* r;
  ~Result() { PQclear(r); }
  int rows() const { return PQntuples(r); }
  std::string text(int row, int column) const { return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column))); }
  std::int64_t integer(int row, int column) const { return std::strtoll(PQgetvalue(r, row, column), nullptr, 10); }
};

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string why = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw StoreError("cannot connect to PostgreSQL: " + why);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);  // "already exists, skipping"
    // Concurrent servers may create the schema at once; the lock makes one of them do it.
    Result lock{run("SELECT pg_advisory_lock(7365281)", {})};
    PGresult* r = PQexec(conn_, kSchema);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    Result unlock{run("SELECT pg_advisory_unlock(7365281)", {})};
    if (!ok) throw StoreError(std::string("PostgreSQL: ") + PQerrorMessage(conn_));
  }

  ~PostgresStore() override { PQfinish(conn_); }

  void add(const LogEntry& entry, TimeMs received) override {
    const ConsentRecord& r = entry.record;
    std::lock_guard lock(mutex_);
    Result res{run("INSERT INTO consent_log (id, received, day, revision, method, analytics, marketing, entry) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   {r.id, std::to_string(received), utc_day(received), std::to_string(r.revision), std::string(to_string(r.method)),
                    (r.categories & category::analytics) ? "1" : "0", (r.categories & category::marketing) ? "1" : "0",
                    to_json(entry).dump()})};
  }

  std::vector<StoredEntry> find(const std::string& id) override {
    std::lock_guard lock(mutex_);
    return entries(Result{run("SELECT seq, received, entry FROM consent_log WHERE id = $1 ORDER BY seq", {id})});
  }

  std::int64_t erase(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Result res{run("DELETE FROM consent_log WHERE id = $1", {id})};
    return std::strtoll(PQcmdTuples(res.r), nullptr, 10);
  }

  std::vector<StoredEntry> after(std::int64_t seq, std::size_t limit) override {
    std::lock_guard lock(mutex_);
    return entries(Result{run("SELECT seq, received, entry FROM consent_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                              {std::to_string(seq), std::to_string(limit)})});
  }

  std::vector<StatsRow> stats(const std::string& from_day, const std::string& to_day) override {
    std::lock_guard lock(mutex_);
    Result res{run("SELECT day, revision, method, COUNT(*), SUM(analytics), SUM(marketing) FROM consent_log "
                   "WHERE day BETWEEN $1 AND $2 GROUP BY day, revision, method ORDER BY day, revision, method",
                   {from_day, to_day})};
    std::vector<StatsRow> rows;
    for (int i = 0; i < res.rows(); ++i) {
      rows.push_back({res.text(i, 0), static_cast<int>(res.integer(i, 1)), res.text(i, 2), res.integer(i, 3), res.integer(i, 4), res.integer(i, 5)});
    }
    return rows;
  }

  std::int64_t purge(TimeMs before) override {
    std::lock_guard lock(mutex_);
    Result res{run("DELETE FROM consent_log WHERE received < $1", {std::to_string(before)})};
    return std::strtoll(PQcmdTuples(res.r), nullptr, 10);
  }

 private:
  // Runs a statement; on a dropped connection resets it and tries once more. Throws on failure.
  PGresult* run(const char* sql, const std::vector<std::string>& params) {
    for (int attempt = 0;; ++attempt) {
      std::vector<const char*> values;
      for (const auto& p : params) values.push_back(p.c_str());
      PGresult* r = PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
      ExecStatusType status = PQresultStatus(r);
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
      std::string why = PQerrorMessage(conn_);
      PQclear(r);
      if (attempt == 0 && PQstatus(conn_) == CONNECTION_BAD) {
        PQreset(conn_);
        continue;
      }
      throw StoreError("PostgreSQL: " + why);
    }
  }

  static std::vector<StoredEntry> entries(const Result& res) {
    std::vector<StoredEntry> out;
    for (int i = 0; i < res.rows(); ++i) out.push_back({res.integer(i, 0), res.integer(i, 1), res.text(i, 2)});
    return out;
  }

  std::mutex mutex_;
  PGconn* conn_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url) { return std::make_unique<PostgresStore>(url); }

}  // namespace smartcp::log
