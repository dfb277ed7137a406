// Where the consent log is kept: SQLite (a file) or PostgreSQL (a postgresql:// URL). Both keep the same
// rows: the entry as sent, the time the server received it, and the few columns the statistics read.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "log_entry.hpp"

namespace smartcp::log {

struct StoredEntry {
  std::int64_t seq = 0;   // the order of receipt
  TimeMs received = 0;
  std::string entry;      // the entry's JSON (to_json)
};

// One group of the statistics: choices received on a UTC day under one policy revision, by method.
struct StatsRow {
  std::string day;  // YYYY-MM-DD
  int revision = 0;
  std::string method;
  std::int64_t choices = 0;
  std::int64_t analytics = 0;  // how many of them granted analytics
  std::int64_t marketing = 0;
};

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every method may be called from several threads at once. Failures throw StoreError.
class Store {
 public:
  virtual ~Store() = default;
  // Returns once the entry is durable: it survives the process being killed right after.
  virtual void add(const LogEntry& entry, TimeMs received) = 0;
  // Every entry with that id, oldest first.
  virtual std::vector<StoredEntry> find(const std::string& id) = 0;
  // Deletes every entry with that id; returns how many.
  virtual std::int64_t erase(const std::string& id) = 0;
  // Entries received after `seq`, in order, at most `limit`: export pages through the log with it.
  virtual std::vector<StoredEntry> after(std::int64_t seq, std::size_t limit) = 0;
  // Grouped by day (UTC, of receipt), revision and method, for days from..to inclusive (YYYY-MM-DD).
  virtual std::vector<StatsRow> stats(const std::string& from_day, const std::string& to_day) = 0;
  // Deletes entries received before `before`; returns how many.
  virtual std::int64_t purge(TimeMs before) = 0;
};

// `where` is a file path (SQLite, created if missing) or a postgresql:// (or postgres://) URL.
std::unique_ptr<Store> open_store(const std::string& where);
std::unique_ptr<Store> open_sqlite_store(const std::string& path);
std::unique_ptr<Store> open_postgres_store(const std::string& url);

// YYYY-MM-DD of a time, in UTC.
std::string utc_day(TimeMs time);
// ISO 8601 with milliseconds, in UTC: 2026-11-23T20:15:02.123Z.
std::string utc_iso(TimeMs time);
// Whether text is a valid YYYY-MM-DD date.
bool is_day(const std::string& text);

}  // namespace smartcp::log
