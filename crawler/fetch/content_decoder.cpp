#include "fetch/content_decoder.hpp"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <iterator>

#include "common/text.hpp"

namespace oitscan::fetch {

class ContentDecoder::Stage {
 public:
  enum class Result { ok, corrupt, over_limit };
  virtual ~Stage() = default;
  // Appends what `in` decodes to; `out` never grows past `limit`.
  virtual Result feed(std::string_view in, std::string& out, std::size_t limit) = 0;
  virtual bool ended() const = 0;
  virtual const char* name() const = 0;

 protected:
  // Appends one piece of output under the limit; false when it did not fit.
  static bool emit(const unsigned char* data, std::size_t n, std::string& out, std::size_t limit) {
    if (out.size() + n > limit) {
      out.append(reinterpret_cast<const char*>(data), limit - std::min(limit, out.size()));
      return false;
    }
    out.append(reinterpret_cast<const char*>(data), n);
    return true;
  }
};

namespace {

using Stage = ContentDecoder::Stage;
using Result = Stage::Result;

// gzip (RFC 1952, concatenated members allowed) and deflate. HTTP's "deflate" is meant to be the
// zlib format (RFC 1950), but some servers send a raw deflate stream: the first two bytes decide.
class ZlibStage final : public Stage {
 public:
  explicit ZlibStage(bool gzip) : gzip_(gzip) {}
  ~ZlibStage() override {
    if (initialised_) inflateEnd(&z_);
  }

  Result feed(std::string_view in, std::string& out, std::size_t limit) override {
    if (!initialised_) {
      head_.append(in);
      if (!gzip_ && head_.size() < 2) return Result::ok;
      const auto b0 = static_cast<unsigned char>(head_[0]);
      const bool zlib_header = head_.size() >= 2 && (b0 & 0x0f) == 8 &&
                               ((b0 << 8) | static_cast<unsigned char>(head_[1])) % 31 == 0;
      const int window_bits = gzip_ ? 15 + 16 : (zlib_header ? 15 : -15);
      if (inflateInit2(&z_, window_bits) != Z_OK) return Result::corrupt;
      initialised_ = true;
      const std::string first = std::move(head_);
      head_.clear();
      return inflate_all(first, out, limit);
    }
    return inflate_all(in, out, limit);
  }

  bool ended() const override { return ended_; }
  const char* name() const override { return gzip_ ? "gzip" : "deflate"; }

 private:
  Result inflate_all(std::string_view in, std::string& out, std::size_t limit) {
    while (!in.empty()) {
      if (ended_) {
        // Another gzip member may follow; anything else after the end is ignored, as browsers do.
        if (!gzip_ || static_cast<unsigned char>(in[0]) != 0x1f) return Result::ok;
        if (inflateReset(&z_) != Z_OK) return Result::corrupt;
        ended_ = false;
      }
      const std::size_t take = std::min<std::size_t>(in.size(), UINT_MAX);
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z_.avail_in = static_cast<uInt>(take);
      for (;;) {
        z_.next_out = buffer_.data();
        z_.avail_out = static_cast<uInt>(buffer_.size());
        const int rc = inflate(&z_, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) return Result::corrupt;
        const std::size_t produced = buffer_.size() - z_.avail_out;
        if (!emit(buffer_.data(), produced, out, limit)) return Result::over_limit;
        if (rc == Z_STREAM_END) {
          ended_ = true;
          break;
        }
        if (z_.avail_in == 0 && z_.avail_out != 0) break;  // all input used, nothing held back
        if (rc == Z_BUF_ERROR && produced == 0) break;      // no progress possible
      }
      in.remove_prefix(take - z_.avail_in);
      if (!ended_) break;
    }
    return Result::ok;
  }

  bool gzip_;
  bool initialised_ = false;
  bool ended_ = false;
  std::string head_;  // deflate: bytes held until the format can be told
  z_stream z_{};
  std::array<unsigned char, 32 * 1024> buffer_{};
};

class BrotliStage final : public Stage {
 public:
  BrotliStage() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {}
  ~BrotliStage() override { BrotliDecoderDestroyInstance(state_); }

  Result feed(std::string_view in, std::string& out, std::size_t limit) override {
    if (state_ == nullptr) return Result::corrupt;
    const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
    std::size_t avail_in = in.size();
    while (!ended_) {
      std::uint8_t* next_out = buffer_.data();
      std::size_t avail_out = buffer_.size();
      const auto rc = BrotliDecoderDecompressStream(state_, &avail_in, &next_in, &avail_out, &next_out, nullptr);
      if (rc == BROTLI_DECODER_RESULT_ERROR) return Result::corrupt;
      if (!emit(buffer_.data(), buffer_.size() - avail_out, out, limit)) return Result::over_limit;
      if (rc == BROTLI_DECODER_RESULT_SUCCESS) ended_ = true;
      if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) break;
    }
    return Result::ok;  // bytes after the end of the stream are ignored
  }

  bool ended() const override { return ended_; }
  const char* name() const override { return "br"; }

 private:
  BrotliDecoderState* state_;
  bool ended_ = false;
  std::array<std::uint8_t, 32 * 1024> buffer_{};
};

}  // namespace

ContentDecoder::ContentDecoder(std::string_view content_encoding) {
  std::vector<std::unique_ptr<Stage>> applied;
  while (!content_encoding.empty()) {
    const auto comma = content_encoding.find(',');
    const std::string coding = ascii_lower(trim(content_encoding.substr(0, comma)));
    content_encoding.remove_prefix(comma == std::string_view::npos ? content_encoding.size() : comma + 1);
    if (coding.empty() || coding == "identity") continue;
    if (coding == "gzip" || coding == "x-gzip") applied.push_back(std::make_unique<ZlibStage>(true));
    else if (coding == "deflate") applied.push_back(std::make_unique<ZlibStage>(false));
    else if (coding == "br") applied.push_back(std::make_unique<BrotliStage>());
    else if (unknown_.empty()) unknown_ = coding.substr(0, 40);
  }
  // Applied first, decoded last.
  stages_.assign(std::make_move_iterator(applied.rbegin()), std::make_move_iterator(applied.rend()));
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::feed(std::string_view in, std::string& out, std::size_t limit) {
  if (in.empty()) return error_.empty();
  fed_ = true;
  if (!error_.empty()) return false;
  if (!unknown_.empty()) {
    error_ = "unknown content coding `" + unknown_ + "`";
    return false;
  }
  if (stages_.empty()) {
    if (out.size() + in.size() > limit) {
      out.append(in.substr(0, limit - std::min(limit, out.size())));
      over_limit_ = true;
      error_ = "body larger than the size limit";
      return false;
    }
    out.append(in);
    return true;
  }
  std::string carried;  // output of one stage, input of the next
  std::string_view data = in;
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    const bool last = i + 1 == stages_.size();
    std::string next;
    const Result r = stages_[i]->feed(data, last ? out : next, limit);
    if (r == Result::corrupt) {
      error_ = std::string(stages_[i]->name()) + " data is corrupt";
      return false;
    }
    if (r == Result::over_limit) {
      over_limit_ = true;
      error_ = "decoded body larger than the size limit";
      return false;
    }
    if (last) break;
    carried = std::move(next);
    data = carried;
  }
  return true;
}

bool ContentDecoder::complete() const {
  if (!fed_) return true;
  if (!error_.empty() || !unknown_.empty()) return false;
  return std::all_of(stages_.begin(), stages_.end(), [](const auto& s) { return s->ended(); });
}

std::string ContentDecoder::problem() const {
  if (!error_.empty()) return error_;
  if (!unknown_.empty() && fed_) return "unknown content coding `" + unknown_ + "`";
  for (const auto& s : stages_) {
    if (fed_ && !s->ended()) return std::string(s->name()) + " stream ends before its end marker";
  }
  return {};
}

}  // namespace oitscan::fetch
