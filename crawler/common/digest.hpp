#pragma once
// The SHA-256 every stage records for a body (lowercase hex). The WARC writer's incremental
// SHA-1/SHA-256 pair lives in archive/digest.hpp.
#include <string>
#include <string_view>

namespace oitscan {

std::string sha256_hex(std::string_view bytes);

// The same digest in standard base64 (as CSP hash sources and Subresource Integrity write it).
std::string sha256_base64(std::string_view bytes);

}  // namespace oitscan
