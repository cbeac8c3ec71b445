#include "common/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "common/text.hpp"

namespace oitscan {

namespace {

std::string sha256_raw(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL: SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) { return hex_encode(sha256_raw(bytes)); }

std::string sha256_base64(std::string_view bytes) {
  const std::string md = sha256_raw(bytes);
  std::array<unsigned char, 4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1> out{};
  const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(md.data()), static_cast<int>(md.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(n));
}

}  // namespace oitscan
