#include "archive/archive_lookup.hpp"

#include <map>

#include "archive/digest.hpp"
#include "archive/http_message.hpp"

namespace oitscan::archive {

namespace {

struct Candidate {
  std::string date;
  std::size_t file_index = 0;
  std::uint64_t offset = 0;
  std::string type;
  std::string record_id;
  std::string refers_to;
};

// WARC-Dates as comparable text: without the closing 'Z', "…:00" sorts before "…:00.5".
std::string_view sortable(std::string_view date) {
  if (!date.empty() && date.back() == 'Z') date.remove_suffix(1);
  return date;
}

// Later WARC-Date wins; equal dates: later in the list of files, then later in the file.
bool later(const Candidate& a, const Candidate& b) {
  if (sortable(a.date) != sortable(b.date)) return sortable(a.date) > sortable(b.date);
  if (a.file_index != b.file_index) return a.file_index > b.file_index;
  return a.offset > b.offset;
}

}  // namespace

std::optional<ArchivedResponse> latest_response(const std::vector<std::filesystem::path>& files, std::string_view url,
                                                ReaderLimits limits) {
  const std::string wanted = warc_uri(url);
  std::vector<Candidate> captures;
  std::map<std::string, Candidate> responses_by_id;
  for (std::size_t i = 0; i < files.size(); ++i) {
    WarcReader reader(files[i], limits);
    while (auto rec = reader.next(false)) {
      const std::string type = rec->type();
      if ((type != "response" && type != "revisit") || rec->target_uri() != wanted) continue;
      Candidate c{rec->date(), i, rec->offset, type, rec->record_id(), rec->fields.get("WARC-Refers-To").value_or("")};
      if (type == "response") responses_by_id[c.record_id] = c;
      captures.push_back(std::move(c));
    }
  }
  std::optional<Candidate> best;
  std::optional<Candidate> via;
  for (const auto& c : captures) {
    const Candidate* holder = &c;
    if (c.type == "revisit") {
      auto it = responses_by_id.find(c.refers_to);
      if (it == responses_by_id.end()) continue;  // bytes not in these files
      holder = &it->second;
    }
    if (!best || later(c, via ? *via : *best)) {
      best = *holder;
      via = c.type == "revisit" ? std::optional<Candidate>(c) : std::nullopt;
    }
  }
  if (!best) return std::nullopt;

  WarcRecord rec = read_record_at(files[best->file_index], best->offset, limits);
  ArchivedResponse out;
  out.target_uri = rec.target_uri();
  out.date = via ? via->date : rec.date();
  out.file = files[best->file_index];
  out.offset = best->offset;
  out.record_id = rec.record_id();
  out.revisit_record_id = via ? via->record_id : "";
  const HttpParts parts = split_http(rec.block);
  out.status = status_code(parts.head).value_or(0);
  out.head = std::string(parts.head);
  out.body = std::string(parts.body);
  const Digests d = digest_of(out.body);
  out.payload_sha1 = d.sha1_label;
  out.payload_sha256 = d.sha256_hex;
  out.truncated = rec.fields.get("WARC-Truncated").has_value();
  return out;
}

}  // namespace oitscan::archive
