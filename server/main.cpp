// smartcp-log-server: receives the widget's consent entries and keeps them as the site owner's proof.
// Settings come from the environment (settings.hpp); scripts/log-server.sh builds and starts it.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

#include "http_api.hpp"

namespace {

smartcp::TimeMs now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const char* env(const char* name) { return std::getenv(name); }

}  // namespace

int main() {
  using namespace smartcp::log;
  std::vector<std::string> warnings;
  const Settings settings = read_settings(env, warnings);
  for (const auto& w : warnings) std::cerr << "smartcp-log-server: " << w << '\n';

  std::unique_ptr<Store> store;
  try {
    store = open_store(settings.db);
  } catch (const StoreError& e) {
    std::cerr << "smartcp-log-server: " << e.what() << '\n';
    return 1;
  }

  // Signals are taken by one thread that stops the server; every other thread has them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  httplib::Server server;
  // cpp-httplib gives each connection a thread while it lives: enough threads for many idle keep-alive
  // connections, and a short keep-alive so that a browser's one beacon does not hold one for long.
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(2);
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // a response is written in parts; Nagle would hold the last one back 40 ms
  RateLimiter limiter(settings.rate_per_minute);
  install_routes(server, *store, settings, limiter, now_ms);

  int port = settings.port;
  if (port == 0) port = server.bind_to_any_port(settings.host);
  else if (!server.bind_to_port(settings.host, port)) port = -1;
  if (port <= 0) {
    std::cerr << "smartcp-log-server: cannot listen on " << settings.host << ':' << settings.port << '\n';
    return 1;
  }

  // Retention: entries older than the setting are purged at start and every hour.
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread retention([&] {
    std::unique_lock lock(mutex);
    do {
      try {
        auto purged = store->purge(now_ms() - static_cast<smartcp::TimeMs>(settings.retention_days) * 24 * 60 * 60 * 1000);
        if (purged) std::cerr << "smartcp-log-server: purged " << purged << " entries past retention\n";
      } catch (const StoreError& e) {
        std::cerr << "smartcp-log-server: retention: " << e.what() << '\n';
      }
    } while (!wake.wait_for(lock, std::chrono::hours(1), [&] { return stopping; }));
  });
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  stopper.detach();

  std::cout << "smartcp-log-server: listening on http://" << settings.host << ':' << port << " ("
            << (settings.db.rfind("postgres", 0) == 0 ? "PostgreSQL" : "SQLite " + settings.db) << ", admin endpoints "
            << (settings.token.empty() ? "off" : "on") << ")" << std::endl;
  server.listen_after_bind();

  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  retention.join();
  return 0;
}
