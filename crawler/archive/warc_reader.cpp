#include "archive/warc_reader.hpp"

#include <algorithm>

#include "archive/digest.hpp"
#include "archive/http_message.hpp"

#include "common/text.hpp"

namespace oitscan::archive {

namespace {

std::string_view strip_eol(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::optional<std::uint64_t> parse_length(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

bool is_http_block(const WarcRecord& r) {
  const std::string ct = r.fields.get("Content-Type").value_or("");
  return ct.rfind("application/http", 0) == 0;
}

}  // namespace

WarcReader::WarcReader(const std::filesystem::path& path, ReaderLimits limits, std::uint64_t start_offset)
    : in_(path, start_offset), limits_(limits) {}

std::optional<WarcRecord> WarcReader::next(bool load_block) {
  std::string line;
  if (in_.at_end()) return std::nullopt;
  const std::uint64_t start = in_.position();
  const bool own_member = in_.starts_member(start);
  const std::uint64_t offset = in_.stored_offset_of(start);
  if (!in_.read_line(line, limits_.max_header_bytes, offset)) return std::nullopt;

  WarcRecord rec;
  rec.offset = offset;
  rec.own_member = own_member;
  rec.version = std::string(strip_eol(line));
  if (line.back() != '\n' && std::string_view("WARC/1.1\r\n").substr(0, line.size()) == line) {
    throw WarcFormatError(in_.path(), offset, "file ends inside the version line", true);
  }
  if (rec.version != "WARC/1.1" && rec.version != "WARC/1.0") {
    throw WarcFormatError(in_.path(), offset, "not a WARC record: expected a WARC/1.0 or WARC/1.1 version line");
  }

  std::size_t header_bytes = line.size();
  while (true) {
    if (!in_.read_line(line, limits_.max_header_bytes, offset) || line.back() != '\n') {
      throw WarcFormatError(in_.path(), offset, "file ends inside the record header", true);
    }
    header_bytes += line.size();
    if (header_bytes > limits_.max_header_bytes) {
      throw WarcFormatError(in_.path(), offset, "record header larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
    }
    const std::string_view l = strip_eol(line);
    if (l.empty()) break;
    if (l.front() == ' ' || l.front() == '\t') {
      // Folded continuation of the previous field (allowed by WARC 1.0's grammar).
      if (!rec.fields.continue_last(trim(l))) throw WarcFormatError(in_.path(), offset, "continuation line before any field");
      continue;
    }
    const std::size_t colon = l.find(':');
    if (colon == std::string_view::npos || !is_token(l.substr(0, colon))) {
      throw WarcFormatError(in_.path(), offset, "malformed header line: " + std::string(l.substr(0, 80)));
    }
    rec.fields.add_unchecked(std::string(l.substr(0, colon)), std::string(trim(l.substr(colon + 1))));
  }

  for (const char* name : {"WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length"}) {
    if (!rec.fields.get(name)) throw WarcFormatError(in_.path(), offset, std::string("missing mandatory field ") + name);
  }
  const auto length = parse_length(*rec.fields.get("Content-Length"));
  if (!length) throw WarcFormatError(in_.path(), offset, "Content-Length is not a decimal number");
  if (*length > limits_.max_record_bytes) {
    throw WarcFormatError(in_.path(), offset,
                          "record of " + std::to_string(*length) + " bytes exceeds the limit of " +
                              std::to_string(limits_.max_record_bytes));
  }
  rec.length = *length;
  // Reserve no more than 1 MiB up front: a lying Content-Length must not allocate what the file
  // does not have.
  if (load_block) rec.block.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*length, 1U << 20U)));
  const std::uint64_t got = in_.read_exact(*length, load_block ? &rec.block : nullptr);
  if (got != *length) {
    throw WarcFormatError(in_.path(), offset,
                          "file ends inside the block: Content-Length " + std::to_string(*length) + ", only " +
                              std::to_string(got) + " bytes present",
                          true);
  }
  std::string tail;
  if (in_.read_exact(4, &tail) != 4) {
    throw WarcFormatError(in_.path(), offset, "file ends before the CRLF CRLF closing the record", true);
  }
  if (tail != "\r\n\r\n") {
    throw WarcFormatError(in_.path(), offset, "block not followed by CRLF CRLF (Content-Length does not match the block)");
  }
  return rec;
}

std::uint64_t repair_truncated_tail(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return 0;
  try {
    WarcReader reader(path);
    while (reader.next(false)) {
    }
  } catch (const WarcFormatError& e) {
    if (!e.truncated()) throw;
    std::filesystem::resize_file(path, e.offset());
    return size - e.offset();
  }
  return 0;
}

WarcRecord read_record_at(const std::filesystem::path& path, std::uint64_t offset, ReaderLimits limits) {
  WarcReader reader(path, limits, offset);
  auto rec = reader.next();
  if (!rec) throw WarcFormatError(path, offset, "no record at this offset");
  return std::move(*rec);
}

std::string_view payload_of(const WarcRecord& record) {
  if (is_http_block(record)) return split_http(record.block).body;
  return record.block;
}

DigestCheck verify_digests(const WarcRecord& record) {
  DigestCheck check;
  if (auto declared = record.fields.get("WARC-Block-Digest"); declared && declared->rfind("sha1:", 0) == 0) {
    check.block_checked = true;
    check.block_ok = digest_of(record.block).sha1_label == *declared;
  }
  // A revisit's payload digest names the payload of the record it refers to, which it does not hold.
  if (record.type() == "revisit") return check;
  const Digests payload = digest_of(payload_of(record));
  if (auto declared = record.fields.get("WARC-Payload-Digest"); declared && declared->rfind("sha1:", 0) == 0) {
    check.payload_checked = true;
    check.payload_ok = payload.sha1_label == *declared;
  }
  if (auto declared = record.fields.get("X-Oitscan-Payload-SHA256")) {
    check.sha256_checked = true;
    check.sha256_ok = payload.sha256_hex == *declared;
  }
  return check;
}

}  // namespace oitscan::archive
