// A demo district site that misbehaves on purpose, for the fault-injection suite: it serves a
// folder (the output of `oitscan rules site`) under /demo/ on 127.0.0.1 with the scripted Beast
// server of the fetch tests, and gives a seeded share of the files a broken body - gzip, deflate
// or brotli streams cut halfway or corrupt, a body shorter than its Content-Length, a chunked body
// without its last chunk, a reset mid-body. The healthy files go out in a random content coding
// (gzip, deflate, br or none). It prints its port, and one line per injected fault to FAULT_LOG,
// then serves until SIGTERM, when it writes every request target it answered to FAULT_LOG.hits
// (so the suite counts the faults a client really met) - or until SIGKILL (the suite also kills
// it mid-unit on purpose).
//
//   fault_server SITE_DIR SEED FAULT_PERCENT FAULT_LOG
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "fetch/test_server.hpp"

namespace fs = std::filesystem;
using oitscan::testing::Route;
using oitscan::testing::ScriptedResponse;

namespace {

std::string content_type_of(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

const char* const kFaults[] = {"gzip-cut", "deflate-cut", "br-cut", "gzip-corrupt", "br-corrupt",
                               "short-body", "chunked-unterminated", "gzip-chunked-unterminated", "reset"};

void inject(const std::string& fault, ScriptedResponse& r) {
  const std::size_t half = std::max<std::size_t>(r.body.size() / 2, 1);
  if (fault == "gzip-cut" || fault == "deflate-cut" || fault == "br-cut") {
    r.encoding = fault.substr(0, fault.find('-'));
    r.cut_encoded = 12;  // past any header, well before the end of any stream of a real file
  } else if (fault == "gzip-corrupt" || fault == "br-corrupt") {
    r.headers.emplace_back("Content-Encoding", fault.substr(0, fault.find('-')));  // but the bytes are not
  } else if (fault == "short-body") {
    r.close_after = half;
  } else if (fault == "chunked-unterminated") {
    r.chunked = true;
    r.close_after = half;
  } else if (fault == "gzip-chunked-unterminated") {
    r.chunked = true;
    r.encoding = "gzip";
    r.close_after = 12;
  } else if (fault == "reset") {
    r.reset_after = half;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: fault_server SITE_DIR SEED FAULT_PERCENT FAULT_LOG\n";
    return 2;
  }
  // Blocked before the server's threads start, so that they inherit the mask and sigwait gets it.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  const fs::path site = argv[1];
  std::mt19937 rng(static_cast<unsigned>(std::stoul(argv[2])));
  const unsigned percent = static_cast<unsigned>(std::stoul(argv[3]));
  std::ofstream fault_log(argv[4], std::ios::trunc);

  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());  // the same seed gives the same faults
  std::vector<Route> routes;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    ScriptedResponse r;
    r.body.assign(std::istreambuf_iterator<char>(in), {});
    r.headers.emplace_back("Content-Type", content_type_of(file));
    const std::string path = "/demo/" + fs::relative(file, site).generic_string();
    if (rng() % 100 < percent) {
      const std::string fault = kFaults[rng() % std::size(kFaults)];
      inject(fault, r);
      fault_log << fault << '\t' << path << '\n';
    } else {
      const char* codings[] = {"", "gzip", "deflate", "br"};
      r.encoding = codings[rng() % 4];
    }
    routes.push_back(Route{"", path, {r}});
    // nginx's alias also answers the folder itself with its index.html.
    if (file.filename() == "index.html") routes.push_back(Route{"", path.substr(0, path.size() - 10), {r}});
  }
  ScriptedResponse missing;
  missing.status = 404;
  missing.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  missing.body = "<html><body><h1>404 Not Found</h1></body></html>";
  routes.push_back(Route{"", "*", {missing}});
  fault_log.flush();

  const fs::path tls_dir = fs::absolute(argv[4]).parent_path() / "tls";  // the suite's scratch folder
  oitscan::testing::TestServer server(oitscan::testing::make_test_certificate(tls_dir.string()));
  server.set_routes(std::move(routes));
  std::cout << server.http_port() << std::endl;
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  std::ofstream hits(std::string(argv[4]) + ".hits", std::ios::trunc);
  for (const auto& request : server.requests()) hits << request.target << '\n';
  return 0;
}
