#pragma once
// Text from districts' sites and submissions (unit ids, names, URLs, CSV fields, page titles) is
// shown on terminals and in pages. Raw control characters there let a hostile input rewrite the
// terminal (ESC sequences, C1 CSI), ring it, or reorder what a reader sees (bidi overrides), so
// they are replaced with U+FFFD before any such text is shown, as are bytes that are not UTF-8
// (a lone 0x9B is CSI to an 8-bit terminal).
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace oitscan {

// C0 controls except TAB, LF and CR; DEL; C1 (U+0080-U+009F); the bidi embeddings, overrides
// and isolates (U+202A-U+202E, U+2066-U+2069).
bool is_unsafe_code_point(char32_t cp);

// `text` with every unsafe code point and every invalid UTF-8 sequence replaced by U+FFFD.
std::string replace_control_chars(std::string_view text);

// The same filter as a stream buffer in front of another, for output written piece by piece
// (a UTF-8 sequence split across writes is held until it is complete).
class ControlCharFilterBuf : public std::streambuf {
 public:
  explicit ControlCharFilterBuf(std::streambuf* target) : target_(target) {}
  ~ControlCharFilterBuf() override;
  std::streambuf* target() const { return target_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void put(unsigned char byte);
  void flush_pending();  // an unfinished sequence at a flush is invalid

  std::streambuf* target_;
  char pending_[4] = {};
  int have_ = 0;   // bytes of the current sequence held
  int need_ = 0;   // its full length
};

// For the lifetime of the guard, std::cerr (always) and std::cout (when it is a terminal) pass
// through ControlCharFilterBuf. JSON written to a pipe or file stays byte-exact.
// The program's own terminal control (colour, the live progress line's carriage return and
// erase) goes to unfiltered_stderr() / unfiltered_stdout(), which write past the filter to the
// same place; whatever is written there must already be safe text (cli::printable).
class TerminalTextGuard {
 public:
  TerminalTextGuard();
  ~TerminalTextGuard();
  TerminalTextGuard(const TerminalTextGuard&) = delete;
  TerminalTextGuard& operator=(const TerminalTextGuard&) = delete;

 private:
  ControlCharFilterBuf err_;
  ControlCharFilterBuf out_;
  bool out_filtered_ = false;
};

std::ostream& unfiltered_stderr();
std::ostream& unfiltered_stdout();

}  // namespace oitscan
