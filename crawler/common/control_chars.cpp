#include "common/control_chars.hpp"

#include <unistd.h>

#include <iostream>
#include <sstream>

namespace oitscan {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The length of the sequence a lead byte starts, 0 when it cannot start one.
int sequence_length(unsigned char b) {
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  return 0;
}

// Whether `b` may follow the bytes held so far (no overlong forms, surrogates or > U+10FFFF).
bool continues(const char* held, int have, unsigned char b) {
  if (b < 0x80 || b > 0xBF) return false;
  if (have != 1) return true;
  const auto lead = static_cast<unsigned char>(held[0]);
  if (lead == 0xE0) return b >= 0xA0;
  if (lead == 0xED) return b <= 0x9F;
  if (lead == 0xF0) return b >= 0x90;
  if (lead == 0xF4) return b <= 0x8F;
  return true;
}

char32_t decode(const char* s, int n) {
  const auto b = [&](int i) { return static_cast<char32_t>(static_cast<unsigned char>(s[i])); };
  if (n == 1) return b(0);
  if (n == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (n == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

}  // namespace

bool is_unsafe_code_point(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return false;
  if (cp < 0x20 || cp == 0x7F) return true;
  if (cp >= 0x80 && cp <= 0x9F) return true;
  if (cp >= 0x202A && cp <= 0x202E) return true;
  return cp >= 0x2066 && cp <= 0x2069;
}

std::string replace_control_chars(std::string_view text) {
  std::stringbuf sink;
  {
    ControlCharFilterBuf filter(&sink);
    filter.sputn(text.data(), static_cast<std::streamsize>(text.size()));
    filter.pubsync();
  }
  return sink.str();
}

ControlCharFilterBuf::~ControlCharFilterBuf() { flush_pending(); }

void ControlCharFilterBuf::put(unsigned char byte) {
  if (have_ > 0) {
    if (continues(pending_, have_, byte)) {
      pending_[have_++] = static_cast<char>(byte);
      if (have_ < need_) return;
      const char32_t cp = decode(pending_, have_);
      if (is_unsafe_code_point(cp)) target_->sputn(kReplacement, 3);
      else target_->sputn(pending_, have_);
      have_ = need_ = 0;
      return;
    }
    flush_pending();  // broken sequence; the byte starts afresh
  }
  const int len = sequence_length(byte);
  if (len == 0) {
    target_->sputn(kReplacement, 3);
  } else if (len == 1) {
    if (is_unsafe_code_point(byte)) target_->sputn(kReplacement, 3);
    else target_->sputc(static_cast<char>(byte));
  } else {
    pending_[0] = static_cast<char>(byte);
    have_ = 1;
    need_ = len;
  }
}

void ControlCharFilterBuf::flush_pending() {
  if (have_ > 0) target_->sputn(kReplacement, 3);
  have_ = need_ = 0;
}

ControlCharFilterBuf::int_type ControlCharFilterBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  put(static_cast<unsigned char>(traits_type::to_char_type(ch)));
  return ch;
}

std::streamsize ControlCharFilterBuf::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize i = 0; i < n; ++i) put(static_cast<unsigned char>(s[i]));
  return n;
}

int ControlCharFilterBuf::sync() {
  // A sequence split across two writes stays held: only its completion decides.
  return target_->pubsync();
}

namespace {
// The streams past the filter, while a guard is in place (else the standard streams themselves).
std::ostream* raw_err = nullptr;
std::ostream* raw_out = nullptr;
}  // namespace

std::ostream& unfiltered_stderr() {
  if (raw_err == nullptr) return std::cerr;
  std::cerr.flush();  // what was written through the filter comes first
  return *raw_err;
}

std::ostream& unfiltered_stdout() {
  if (raw_out == nullptr) return std::cout;
  std::cout.flush();
  return *raw_out;
}

TerminalTextGuard::TerminalTextGuard() : err_(std::cerr.rdbuf()), out_(std::cout.rdbuf()) {
  static std::ostream err_past_filter(nullptr), out_past_filter(nullptr);
  err_past_filter.rdbuf(err_.target());
  err_past_filter.setf(std::ios::unitbuf);
  out_past_filter.rdbuf(out_.target());
  raw_err = &err_past_filter;
  raw_out = &out_past_filter;
  std::cerr.rdbuf(&err_);
  if (isatty(STDOUT_FILENO) == 1) {
    std::cout.rdbuf(&out_);
    out_filtered_ = true;
  }
}

TerminalTextGuard::~TerminalTextGuard() {
  if (raw_out != nullptr) raw_out->flush();
  raw_err = raw_out = nullptr;
  std::cerr.flush();
  std::cerr.rdbuf(err_.target());
  if (out_filtered_) {
    std::cout.flush();
    std::cout.rdbuf(out_.target());
  }
}

}  // namespace oitscan
