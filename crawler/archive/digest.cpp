#include "archive/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "common/text.hpp"

namespace oitscan::archive {

std::string base32_encode(std::string_view bytes) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((bytes.size() + 4) / 5 * 8);
  unsigned buffer = 0;  // holds at most 12 pending bits
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8U) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(alphabet[(buffer >> static_cast<unsigned>(bits)) & 31U]);
    }
    buffer &= (1U << static_cast<unsigned>(bits)) - 1U;
  }
  if (bits > 0) out.push_back(alphabet[(buffer << static_cast<unsigned>(5 - bits)) & 31U]);
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

struct DualHasher::Contexts {
  explicit Contexts(bool with_sha256) : sha256(with_sha256 ? EVP_MD_CTX_new() : nullptr) {}
  EVP_MD_CTX* sha1 = EVP_MD_CTX_new();
  EVP_MD_CTX* sha256;
  ~Contexts() {
    EVP_MD_CTX_free(sha1);
    EVP_MD_CTX_free(sha256);
  }
};

DualHasher::DualHasher(bool with_sha256) : ctx_(std::make_unique<Contexts>(with_sha256)) {
  if (ctx_->sha1 == nullptr || (with_sha256 && ctx_->sha256 == nullptr) ||
      EVP_DigestInit_ex(ctx_->sha1, EVP_sha1(), nullptr) != 1 ||
      (with_sha256 && EVP_DigestInit_ex(ctx_->sha256, EVP_sha256(), nullptr) != 1)) {
    throw std::runtime_error("OpenSSL: cannot initialise SHA-1/SHA-256");
  }
}

DualHasher::~DualHasher() = default;

void DualHasher::update(std::string_view bytes) {
  if (bytes.empty()) return;
  if (EVP_DigestUpdate(ctx_->sha1, bytes.data(), bytes.size()) != 1 ||
      (ctx_->sha256 != nullptr && EVP_DigestUpdate(ctx_->sha256, bytes.data(), bytes.size()) != 1)) {
    throw std::runtime_error("OpenSSL: digest update failed");
  }
}

void DualHasher::finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned len = 0;
  if (EVP_DigestFinal_ex(ctx_->sha1, md.data(), &len) != 1) throw std::runtime_error("OpenSSL: SHA-1 failed");
  sha1_label_ = "sha1:" + base32_encode(std::string_view(reinterpret_cast<const char*>(md.data()), len));
  if (ctx_->sha256 == nullptr) return;
  if (EVP_DigestFinal_ex(ctx_->sha256, md.data(), &len) != 1) throw std::runtime_error("OpenSSL: SHA-256 failed");
  sha256_hex_ = hex_encode(std::string_view(reinterpret_cast<const char*>(md.data()), len));
}

Digests digest_of(std::string_view bytes) {
  DualHasher h;
  h.update(bytes);
  h.finish();
  return {h.sha1_label(), h.sha256_hex()};
}

}  // namespace oitscan::archive
