// Chooses the store from SMARTCP_LOG_DB: a postgresql:// URL or a file path for SQLite.
#include "store.hpp"

namespace smartcp::log {

std::unique_ptr<Store> open_store(const std::string& where) {
  if (where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0) return open_postgres_store(where);
  if (where.empty()) throw StoreError("SMARTCP_LOG_DB is empty: give a file path or a postgresql:// URL");
  return open_sqlite_store(where);
}

}  // namespace smartcp::log
