#include "serve/captures.hpp"

#include "archive/http_message.hpp"
#include "archive/warc_reader.hpp"

namespace oitscan::serve {

std::vector<Capture> index_captures(const std::string& job_id, const std::filesystem::path& warc) {
  std::vector<Capture> out;
  if (!std::filesystem::exists(warc)) return out;
  archive::WarcReader reader(warc);
  while (auto record = reader.next(false)) {
    if (record->type() != "response" && record->type() != "resource") continue;
    out.push_back(Capture{record->record_id(), job_id, warc.string(), record->offset, record->target_uri()});
  }
  return out;
}

std::optional<CaptureBody> read_capture(const Capture& capture) {
  const std::filesystem::path file = capture.file;
  if (!std::filesystem::exists(file)) return std::nullopt;
  const auto record = archive::read_record_at(file, capture.offset);
  if (record.record_id() != capture.record_id) return std::nullopt;
  CaptureBody out;
  out.target_uri = record.target_uri();
  out.date = record.date();
  out.body = std::string(archive::payload_of(record));
  if (record.type() == "response") {
    const auto parts = archive::split_http(record.block);
    out.content_type = archive::header_value(parts.head, "Content-Type").value_or("");
  } else {
    out.content_type = record.fields.get("Content-Type").value_or("");
  }
  if (out.content_type.empty()) out.content_type = "application/octet-stream";
  return out;
}

}  // namespace oitscan::serve
