#include "archive/warc_writer.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "archive/digest.hpp"
#include "archive/http_message.hpp"
#include "archive/warc_fields.hpp"
#include "archive/warc_reader.hpp"
#include "common/data_dir.hpp"

namespace oitscan::archive {

namespace {


// The bytes after the head of a block: a string in memory or a file streamed from disk.
class BodySource {
 public:
  explicit BodySource(std::string_view bytes) : bytes_(bytes) {}
  explicit BodySource(const std::filesystem::path& file) : file_(file) {}

  // Calls fn(chunk) over the whole body; returns the byte count.
  template <typename Fn>
  std::uint64_t for_each_chunk(Fn fn) const {
    if (file_.empty()) {
      fn(bytes_);
      return bytes_.size();
    }
    std::ifstream in(file_, std::ios::binary);
    if (!in) throw std::runtime_error(file_.string() + ": cannot read body file: " + std::strerror(errno));
    std::array<char, kZlibChunk> buf{};
    std::uint64_t total = 0;
    while (in) {
      in.read(buf.data(), buf.size());
      const auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      fn(std::string_view(buf.data(), got));
      total += got;
    }
    if (in.bad()) throw std::runtime_error(file_.string() + ": read error");
    return total;
  }

 private:
  std::string_view bytes_;
  std::filesystem::path file_;
};

BodySource body_of(const HttpExchange& ex) {
  if (!ex.body_file.empty()) return BodySource(ex.body_file);
  return BodySource(ex.body.empty() ? ex.body_view : std::string_view(ex.body));
}

struct BlockDigests {
  std::uint64_t body_length = 0;
  std::string block_sha1;
  std::string payload_sha1;
  std::string payload_sha256;
};

// `known_payload_sha256`: the payload's SHA-256 if the caller has it (not computed again). The
// block needs its SHA-1 only.
BlockDigests digest_block(std::string_view head, const BodySource& body, const std::string& known_payload_sha256 = {}) {
  DualHasher block(false);
  DualHasher payload(known_payload_sha256.empty());
  block.update(head);
  BlockDigests d;
  d.body_length = body.for_each_chunk([&](std::string_view chunk) {
    block.update(chunk);
    payload.update(chunk);
  });
  block.finish();
  payload.finish();
  d.block_sha1 = block.sha1_label();
  d.payload_sha1 = payload.sha1_label();
  d.payload_sha256 = known_payload_sha256.empty() ? payload.sha256_hex() : known_payload_sha256;
  return d;
}

void add_extra(WarcFields& fields, const ExtraFields& extra) {
  for (const auto& [name, value] : extra) fields.add(name, value);
}

std::string date_or_now(const std::string& date) {
  if (date.empty()) return warc_date_now();
  if (!is_warc_date(date)) throw std::invalid_argument("not a WARC-Date (YYYY-MM-DDThh:mm:ssZ): " + date);
  return date;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

WarcWriter::WarcWriter(const std::filesystem::path& path, const WarcInfo& info)
    : path_(path), repaired_bytes_(repair_truncated_tail(path)), out_(path, ends_with(path.string(), ".gz")) {
  warcinfo_ = write_warcinfo(info);
}

namespace {

// Writes one record as one gzip member: version line, fields, blank line, block, two CRLFs.
RecordRef emit(GzipAppender& out, const std::string& type, WarcFields fields, std::string_view head,
               const BodySource& body, bool with_payload_digest, const std::string& known_payload_sha256 = {}) {
  const BlockDigests d = digest_block(head, body, known_payload_sha256);
  RecordRef ref;
  ref.type = type;
  ref.record_id = *fields.get("WARC-Record-ID");
  ref.block_sha1 = d.block_sha1;
  ref.payload_length = d.body_length;
  ref.payload_sha256 = d.payload_sha256;
  fields.add("Content-Length", std::to_string(head.size() + d.body_length));
  fields.add("WARC-Block-Digest", d.block_sha1);
  if (with_payload_digest) {
    ref.payload_sha1 = d.payload_sha1;
    fields.add("WARC-Payload-Digest", d.payload_sha1);
    fields.add("X-Oitscan-Payload-SHA256", d.payload_sha256);
  }
  ref.offset = out.begin_member();
  try {
    out.write("WARC/1.1\r\n");
    out.write(fields.serialize());
    out.write("\r\n");
    out.write(head);
    const std::uint64_t written = body.for_each_chunk([&](std::string_view chunk) { out.write(chunk); });
    // A body file that changed between digesting and writing would make the digests lie.
    if (written != d.body_length) throw std::runtime_error("body changed while being archived");
    out.write("\r\n\r\n");
    out.end_member();
  } catch (...) {
    out.abort_member();
    throw;
  }
  return ref;
}

WarcFields base_fields(std::string_view type, const std::string& date, const std::string& warcinfo_id,
                       const std::string& record_id = new_record_id()) {
  WarcFields f;
  f.add("WARC-Type", type);
  f.add("WARC-Record-ID", record_id);
  f.add("WARC-Date", date);
  if (!warcinfo_id.empty()) f.add("WARC-Warcinfo-ID", warcinfo_id);
  return f;
}

void add_target(WarcFields& f, const std::string& uri, const std::string& ip) {
  if (uri.empty()) throw std::invalid_argument("exchange without target URI");
  f.add("WARC-Target-URI", warc_uri(uri));
  if (!ip.empty()) f.add("WARC-IP-Address", ip);
}

}  // namespace

RecordRef WarcWriter::write_warcinfo(const WarcInfo& info) {
  WarcFields f = base_fields("warcinfo", warc_date_now(), "");
  f.add("WARC-Filename", path_.filename().string());
  f.add("Content-Type", "application/warc-fields");
  WarcFields body;
  body.add("software", info.software.empty() ? "oitscan/" + tool_version() : info.software);
  body.add("format", "WARC File Format 1.1");
  body.add("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/");
  if (!info.operator_name.empty()) body.add("operator", info.operator_name);
  if (!info.description.empty()) body.add("description", info.description);
  if (!info.is_part_of.empty()) body.add("isPartOf", info.is_part_of);
  const std::string block = body.serialize();
  return emit(out_, "warcinfo", std::move(f), block, BodySource(std::string_view()), false);
}

std::optional<RecordRef> WarcWriter::write_request(const HttpExchange& ex, const std::string& request_id,
                                                   const std::string& concurrent_to) {
  if (ex.request_head.empty()) return std::nullopt;
  WarcFields f = base_fields("request", date_or_now(ex.fetched_at), warcinfo_.record_id, request_id);
  add_target(f, ex.target_uri, ex.ip_address);
  f.add("WARC-Concurrent-To", concurrent_to);
  f.add("Content-Type", "application/http;msgtype=request");
  const std::string head = archived_request_head(ex.request_head);
  return emit(out_, "request", std::move(f), head, BodySource(std::string_view()), false);
}

namespace {
// A response record must hold an HTTP response; a fetch that got none (timeout, DNS failure) is
// not an exchange and belongs in the fetch log only.
void require_status_line(const HttpExchange& ex) {
  if (!status_code(ex.response_head)) {
    throw std::invalid_argument("response head does not start with an HTTP status line: " + ex.target_uri);
  }
}
}  // namespace

ExchangeRefs WarcWriter::write_exchange(const HttpExchange& ex) {
  require_status_line(ex);
  WarcFields f = base_fields("response", date_or_now(ex.fetched_at), warcinfo_.record_id);
  add_target(f, ex.target_uri, ex.ip_address);
  // Both records of the pair name each other, so either one leads to the other.
  const std::string request_id = new_record_id();
  if (!ex.request_head.empty()) f.add("WARC-Concurrent-To", request_id);
  f.add("Content-Type", "application/http;msgtype=response");
  if (ex.truncated) f.add("WARC-Truncated", ex.truncated_reason.empty() ? "unspecified" : ex.truncated_reason);
  add_extra(f, ex.extra_fields);
  const std::string head = archived_response_head(ex.response_head);
  ExchangeRefs refs;
  refs.response = emit(out_, "response", std::move(f), head, body_of(ex), true, ex.payload_sha256);
  refs.request = write_request(ex, request_id, refs.response.record_id);
  return refs;
}

ExchangeRefs WarcWriter::write_revisit(const HttpExchange& ex, const PriorCapture& prior, std::string_view profile,
                                       std::string payload_sha1, std::string payload_sha256) {
  if (prior.record_id.empty() || prior.target_uri.empty() || !is_warc_date(prior.date)) {
    throw std::invalid_argument("revisit needs the prior record id, target URI and WARC-Date");
  }
  require_status_line(ex);
  WarcFields f = base_fields("revisit", date_or_now(ex.fetched_at), warcinfo_.record_id);
  add_target(f, ex.target_uri, ex.ip_address);
  const std::string request_id = new_record_id();
  if (!ex.request_head.empty()) f.add("WARC-Concurrent-To", request_id);
  f.add("Content-Type", "application/http;msgtype=response");
  f.add("WARC-Profile", profile);
  f.add("WARC-Refers-To", prior.record_id);
  f.add("WARC-Refers-To-Target-URI", warc_uri(prior.target_uri));
  f.add("WARC-Refers-To-Date", prior.date);
  if (!payload_sha1.empty()) {
    // The payload this revisit stands for: the one of the record it refers to.
    f.add("WARC-Payload-Digest", payload_sha1);
    if (!payload_sha256.empty()) f.add("X-Oitscan-Payload-SHA256", payload_sha256);
  }
  add_extra(f, ex.extra_fields);
  const std::string head = archived_response_head(ex.response_head);
  ExchangeRefs refs;
  refs.response = emit(out_, "revisit", std::move(f), head, BodySource(std::string_view()), false);
  refs.response.payload_sha1 = payload_sha1;
  refs.response.payload_sha256 = payload_sha256;
  refs.request = write_request(ex, request_id, refs.response.record_id);
  return refs;
}

ExchangeRefs WarcWriter::write_not_modified(const HttpExchange& ex, const PriorCapture& prior) {
  return write_revisit(ex, prior, kProfileServerNotModified, prior.payload_sha1, prior.payload_sha256);
}

ExchangeRefs WarcWriter::write_identical_payload(const HttpExchange& ex, const PriorCapture& prior) {
  const BlockDigests d = digest_block("", body_of(ex), ex.payload_sha256);
  if (!prior.payload_sha1.empty() && d.payload_sha1 != prior.payload_sha1) {
    throw std::invalid_argument("identical-payload-digest revisit of a different payload: " + ex.target_uri);
  }
  ExchangeRefs refs = write_revisit(ex, prior, kProfileIdenticalPayload, d.payload_sha1, d.payload_sha256);
  refs.response.payload_length = d.body_length;
  return refs;
}

ExchangeRefs WarcWriter::write_capture(const HttpExchange& ex, const PriorCapture* prior) {
  if (prior != nullptr && !ex.truncated) {
    if (ex.status == 304) return write_not_modified(ex, *prior);
    if (ex.status >= 200 && ex.status < 300 && !prior->payload_sha1.empty() &&
        digest_block("", body_of(ex)).payload_sha1 == prior->payload_sha1) {
      return write_identical_payload(ex, *prior);
    }
  }
  return write_exchange(ex);
}

RecordRef WarcWriter::write_conversion(const Conversion& c) {
  WarcFields f = base_fields("conversion", date_or_now(c.date), warcinfo_.record_id);
  if (c.target_uri.empty()) throw std::invalid_argument("conversion without target URI");
  f.add("WARC-Target-URI", warc_uri(c.target_uri));
  if (!c.refers_to.empty()) f.add("WARC-Refers-To", c.refers_to);
  f.add("Content-Type", c.content_type);
  add_extra(f, c.extra_fields);
  return emit(out_, "conversion", std::move(f), "", BodySource(std::string_view(c.text)), true);
}

RecordRef WarcWriter::write_metadata(const Metadata& m) {
  WarcFields f = base_fields("metadata", date_or_now(m.date), warcinfo_.record_id);
  if (!m.target_uri.empty()) f.add("WARC-Target-URI", warc_uri(m.target_uri));
  if (!m.refers_to.empty()) f.add("WARC-Refers-To", m.refers_to);
  for (const auto& id : m.concurrent_to) f.add("WARC-Concurrent-To", id);
  f.add("Content-Type", m.content_type);
  add_extra(f, m.extra_fields);
  return emit(out_, "metadata", std::move(f), "", BodySource(std::string_view(m.json)), true);
}

}  // namespace oitscan::archive
