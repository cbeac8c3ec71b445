#pragma once
// Auditor accounts and sessions: passwords as Argon2id hashes (Debian's libargon2), session ids
// and CSRF tokens from the OpenSSL CSPRNG, compared in constant time.
#include <optional>
#include <string>
#include <string_view>

#include "serve/service_db.hpp"

namespace oitscan::serve {

// 32 random bytes as 64 hex digits.
std::string random_token();

// Argon2id (t=3, m=64 MiB, p=1) encoded as "$argon2id$v=19$m=…".
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& encoded);

bool constant_time_equal(std::string_view a, std::string_view b);

// Auditor names: what `oitscan auditor add NAME` accepts ([a-z0-9._-], 1..64).
bool valid_auditor_name(std::string_view name);

struct Session {
  std::string id;
  std::string auditor;
  std::string csrf;
};

class Sessions {
 public:
  explicit Sessions(ServiceDb& db) : db_(db) {}
  // A new session when the name and password match an auditor; nullopt otherwise.
  std::optional<Session> login(const std::string& name, std::string_view password);
  std::optional<Session> find(const std::string& id);
  void logout(const std::string& id) { db_.delete_session(id); }

  static constexpr std::int64_t kLifetimeSeconds = 8 * 3600;  // one working day

 private:
  ServiceDb& db_;
};

}  // namespace oitscan::serve
