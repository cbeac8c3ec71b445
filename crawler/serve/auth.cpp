#include "serve/auth.hpp"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <stdexcept>

namespace oitscan::serve {

namespace {

constexpr std::uint32_t kTimeCost = 3;
constexpr std::uint32_t kMemoryKiB = 64 * 1024;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kSaltBytes = 16;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A real hash to verify against when the name is unknown, so a wrong name costs as long as a
// wrong password and the timing does not tell which names exist.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_token());
  return hash;
}

}  // namespace

std::string random_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("OpenSSL: RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string hash_password(std::string_view password) {
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("OpenSSL: RAND_bytes failed");
  const std::size_t length = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(length, '\0');
  const int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(), salt.size(),
                                       kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded) {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool valid_auditor_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<Session> Sessions::login(const std::string& name, std::string_view password) {
  const auto auditor = valid_auditor_name(name) ? db_.auditor(name) : std::nullopt;
  const bool ok = verify_password(password, auditor ? auditor->password_hash : decoy_hash());
  if (!auditor || !ok) return std::nullopt;
  Session s{random_token(), auditor->name, random_token()};
  db_.put_session(s.id, s.auditor, s.csrf, now_seconds() + kLifetimeSeconds);
  return s;
}

std::optional<Session> Sessions::find(const std::string& id) {
  if (id.size() != 64) return std::nullopt;
  auto found = db_.session(id, now_seconds());
  if (!found) return std::nullopt;
  return Session{id, found->first, found->second};
}

}  // namespace oitscan::serve
