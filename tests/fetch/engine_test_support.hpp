#pragma once
// What the engine's integration tests (fetch_engine_test.cpp, sharded_fetcher_test.cpp, one
// executable) share: one test certificate per process, a stalling response, a stopwatch.
#include <chrono>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "fetch/test_server.hpp"

namespace oitscan::testing {

inline const TlsFiles& engine_test_tls() {
  static const TlsFiles files =
      make_test_certificate((std::filesystem::temp_directory_path() / ("oitscan-engine-tls-" + std::to_string(::getpid()))).string());
  return files;
}

// Headers, then nothing for 20 s: a transfer that only a budget, a cancel or a timeout ends.
inline ScriptedResponse stalling_response() {
  ScriptedResponse r;
  r.body = "never";
  r.stall_ms = 20'000;
  return r;
}

inline long ms_since(std::chrono::steady_clock::time_point t0) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace oitscan::testing
