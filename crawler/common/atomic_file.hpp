#pragma once
// Output files written so that a failure never leaves a truncated file over a good earlier one:
// the bytes go to a fresh temporary file beside the target, every write, the fsync and the close
// are checked, and only then is the temporary renamed over the target.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace oitscan {

// A file we could not write; the message names the path and the OS reason. The CLI exits 2.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws OutputError unless `target` is absent or a regular file. A symbolic link is refused, not
// replaced: in an output folder it was put there by someone else, and writing through it (or
// silently swapping it for a file) would hide that. Call it for every output before writing any.
void check_output_target(const std::filesystem::path& target);

// Replaces `target` with `content` atomically (see above). Throws OutputError.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

}  // namespace oitscan
