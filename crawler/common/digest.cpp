#include "common/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "common/text.hpp"

namespace oitscan {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL: SHA-256 failed");
  }
  return hex_encode(std::string_view(reinterpret_cast<const char*>(md.data()), len));
}

}  // namespace oitscan
