#pragma once
// Digests as WARC writers conventionally label them ("sha1:" + RFC 4648 base32) and as oitscan's
// own evidence records them (SHA-256, lowercase hex). Hashing is incremental so a body can be
// digested chunk by chunk without a second copy.
#include <memory>
#include <string>
#include <string_view>

namespace oitscan::archive {

// RFC 4648 base32, upper case, with '=' padding (the 20 bytes of a SHA-1 need none).
std::string base32_encode(std::string_view bytes);

// SHA-1 and SHA-256 over the same bytes in one pass; SHA-1 alone when the SHA-256 is not wanted
// (a WARC block digest) or already known (the fetch engine's payload digest): each body is hashed
// with SHA-256 once per run.
class DualHasher {
 public:
  explicit DualHasher(bool with_sha256 = true);
  ~DualHasher();
  DualHasher(const DualHasher&) = delete;
  DualHasher& operator=(const DualHasher&) = delete;

  void update(std::string_view bytes);
  // Ends hashing; call once.
  void finish();

  const std::string& sha1_label() const { return sha1_label_; }  // "sha1:<BASE32>"
  const std::string& sha256_hex() const { return sha256_hex_; }   // 64 lowercase hex digits ("" without SHA-256)

 private:
  struct Contexts;
  std::unique_ptr<Contexts> ctx_;
  std::string sha1_label_;
  std::string sha256_hex_;
};

struct Digests {
  std::string sha1_label;  // "sha1:<BASE32>" as in WARC-Block-Digest / WARC-Payload-Digest
  std::string sha256_hex;
};

Digests digest_of(std::string_view bytes);

}  // namespace oitscan::archive
