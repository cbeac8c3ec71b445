#include "cli/config_file.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

#include "common/input_error.hpp"

namespace oitscan::cli {
namespace {

// A configuration is a screenful of keys; anything far larger is a mistake (or an alias bomb).
constexpr std::uintmax_t kMaxConfigBytes = 256u << 10;
constexpr std::size_t kMaxYamlNodes = 10000;

class Reader {
 public:
  explicit Reader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& field, const std::string& message) const {
    throw InputError(file_.string(), at.IsDefined() ? at.Mark().line + 1 : 0, field, message);
  }

  // No duplicate keys (yaml-cpp silently keeps the first), only known keys, bounded size.
  void check_map(const YAML::Node& map, const std::string& field, const std::set<std::string>& known) {
    if (!map.IsMap()) fail(map, field, "expected a mapping of keys");
    std::map<std::string, int> seen;
    for (const auto& kv : map) {
      count(kv.second, field);
      if (!kv.first.IsScalar()) fail(kv.first, field, "a key must be a plain string");
      const std::string& key = kv.first.Scalar();
      const std::string path = field.empty() ? key : field + "." + key;
      const auto [it, fresh] = seen.emplace(key, kv.first.Mark().line + 1);
      if (!fresh) fail(kv.first, path, "duplicate key (first at line " + std::to_string(it->second) + ")");
      if (!known.count(key)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        fail(kv.first, path, "unknown key (known: " + list + ")");
      }
    }
  }

  std::string scalar(const YAML::Node& n, const std::string& field) const {
    if (!n.IsScalar()) fail(n, field, "expected a single value, not a list or mapping");
    return n.Scalar();
  }

  bool boolean(const YAML::Node& n, const std::string& field) const {
    const std::string s = scalar(n, field);
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
    fail(n, field, "expected true or false, not '" + s + "'");
  }

  double number(const YAML::Node& n, const std::string& field, double min, double max) const {
    const std::string s = scalar(n, field);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) fail(n, field, "expected a number, not '" + s + "'");
    if (v < min || v > max) fail(n, field, s + " is out of range (" + range(min, max) + ")");
    return v;
  }

  long long integer(const YAML::Node& n, const std::string& field, long long min, long long max) const {
    const double v = number(n, field, static_cast<double>(min), static_cast<double>(max));
    if (v != std::floor(v)) fail(n, field, "expected a whole number, not '" + n.Scalar() + "'");
    return static_cast<long long>(v);
  }

  // A path relative to the configuration file's folder, so the file means the same from any cwd.
  std::filesystem::path path(const YAML::Node& n, const std::string& field) const {
    const std::string s = scalar(n, field);
    if (s.empty()) fail(n, field, "an empty path");
    const std::filesystem::path p(s);
    return p.is_absolute() ? p : std::filesystem::absolute(file_).parent_path() / p;
  }

 private:
  static std::string range(double min, double max) {
    auto text = [](double v) {
      std::string s = std::to_string(v);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    return max >= std::numeric_limits<double>::max() / 2 ? "at least " + text(min) : text(min) + " to " + text(max);
  }
  void count(const YAML::Node& n, const std::string& field) {
    if (++nodes_ > kMaxYamlNodes) fail(n, field, "more than " + std::to_string(kMaxYamlNodes) + " YAML nodes");
    if (n.IsSequence() || n.IsMap()) {
      for (const auto& v : n) count(n.IsMap() ? v.second : v, field);
    }
  }
  std::filesystem::path file_;
  std::size_t nodes_ = 0;
};

// curl's HOST:PORT:ADDR; ADDR may itself hold colons (IPv6, "[::1]").
bool valid_resolve_entry(const std::string& entry) {
  const auto first = entry.find(':');
  if (first == std::string::npos || first == 0) return false;
  const auto second = entry.find(':', first + 1);
  if (second == std::string::npos || second + 1 >= entry.size()) return false;
  const std::string port = entry.substr(first + 1, second - first - 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  const int p = std::stoi(port);
  return p > 0 && p < 65536;
}

void check_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(file.string(), 0, "--config", "no such file");
  if (!std::filesystem::is_regular_file(status)) throw InputError(file.string(), 0, "--config", "not a regular file");
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw InputError(file.string(), 0, "--config", "cannot read: " + ec.message());
  if (size > kMaxConfigBytes) {
    throw InputError(file.string(), 0, "--config", "the file is " + std::to_string(size) + " bytes; a configuration may be at most " +
                                                       std::to_string(kMaxConfigBytes));
  }
}

void read_politeness(Reader& r, const YAML::Node& node, ConfigFile& c) {
  r.check_map(node, "politeness", {"per_host", "min_delay_ms", "robots"});
  if (auto v = node["per_host"]) c.per_host = static_cast<std::size_t>(r.integer(v, "politeness.per_host", 1, 64));
  if (auto v = node["min_delay_ms"]) c.min_delay_ms = static_cast<long>(r.integer(v, "politeness.min_delay_ms", 0, 600000));
  if (auto v = node["robots"]) c.robots = r.boolean(v, "politeness.robots");
}

void read_retention(Reader& r, const YAML::Node& node, ConfigFile& c) {
  r.check_map(node, "retention", {"runs_per_unit", "days"});
  if (auto v = node["runs_per_unit"]) c.retention_runs_per_unit = static_cast<int>(r.integer(v, "retention.runs_per_unit", 1, 1000000));
  if (auto v = node["days"]) c.retention_days = static_cast<int>(r.integer(v, "retention.days", 1, 1000000));
}

void read_resolve(Reader& r, const YAML::Node& node, ConfigFile& c) {
  // One entry may be given as a plain string, as on the command line.
  if (node.IsScalar()) {
    c.resolve.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    std::size_t i = 0;
    for (const auto& e : node) c.resolve.push_back(r.scalar(e, "resolve[" + std::to_string(i++) + "]"));
  } else {
    r.fail(node, "resolve", "expected a list of HOST:PORT:ADDR entries");
  }
  std::size_t i = 0;
  for (const auto& e : c.resolve) {
    const YAML::Node at = node.IsSequence() ? node[i] : node;
    if (!valid_resolve_entry(e)) r.fail(at, "resolve[" + std::to_string(i) + "]", "'" + e + "' is not HOST:PORT:ADDR");
    ++i;
  }
}

}  // namespace

ConfigFile load_config_file(const std::filesystem::path& file) {
  check_file(file);
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    throw InputError(file.string(), e.mark.line + 1, "", "YAML syntax: " + e.msg);
  } catch (const YAML::BadFile&) {
    throw InputError(file.string(), 0, "--config", "cannot read the file");
  }
  ConfigFile c;
  c.file = file;
  if (root.IsNull()) return c;  // an empty file: every default
  Reader r(file);
  r.check_map(root, "", {"resolve", "allow_private", "politeness", "timeout", "user_agent", "out", "db", "retention", "cacert",
                         "insecure_tls", "cache", "unit_budget", "jobs", "lang"});
  if (auto v = root["resolve"]) read_resolve(r, v, c);
  if (auto v = root["allow_private"]) c.allow_private = r.boolean(v, "allow_private");
  if (auto v = root["politeness"]) read_politeness(r, v, c);
  if (auto v = root["timeout"]) {
    c.timeout = r.number(v, "timeout", 0.001, 86400);
  }
  if (auto v = root["user_agent"]) {
    c.user_agent = r.scalar(v, "user_agent");
    if (c.user_agent->empty() || c.user_agent->find_first_of("\r\n") != std::string::npos) {
      r.fail(v, "user_agent", "must be one non-empty line");
    }
  }
  if (auto v = root["out"]) c.out = r.path(v, "out");
  if (auto v = root["db"]) {
    const std::string s = r.scalar(v, "db");
    const bool url = s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
    c.db = url ? s : r.path(v, "db").string();
  }
  if (auto v = root["retention"]) read_retention(r, v, c);
  if (auto v = root["cacert"]) c.cacert = r.path(v, "cacert");
  if (auto v = root["insecure_tls"]) c.insecure_tls = r.boolean(v, "insecure_tls");
  if (auto v = root["cache"]) c.cache = r.path(v, "cache");
  if (auto v = root["unit_budget"]) c.unit_budget = r.number(v, "unit_budget", 0, 864000);
  if (auto v = root["jobs"]) c.jobs = static_cast<std::size_t>(r.integer(v, "jobs", 1, 256));
  if (auto v = root["lang"]) {
    c.lang = r.scalar(v, "lang");
    if (*c.lang != "th" && *c.lang != "en" && *c.lang != "both") r.fail(v, "lang", "expected th, en or both, not '" + *c.lang + "'");
  }
  return c;
}

}  // namespace oitscan::cli
