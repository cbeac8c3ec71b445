#include "serve/submission_body.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/input_error.hpp"
#include "common/text.hpp"
#include "fetch/address_policy.hpp"

namespace oitscan::serve {

namespace {

// The parsers read files (they name the file in their errors and check its size first), so the
// body goes to a private temporary file that is removed however parsing ends.
class TempBody {
 public:
  TempBody(std::string_view body, const std::string& extension) {
    std::string pattern = (std::filesystem::temp_directory_path() / "oitscan-submission-XXXXXX").string() + extension;
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(extension.size()));
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the submission");
    ::close(fd);
    path_ = pattern;
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    if (!out.flush()) throw std::runtime_error("cannot write the submission to " + path_.string());
  }
  ~TempBody() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempBody(const TempBody&) = delete;
  TempBody& operator=(const TempBody&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// InputError's text is "FILE:LINE: FIELD: message"; the file is our temporary, so only the
// message is shown (line and field travel as their own JSON fields).
std::string bare_message(const InputError& e) {
  std::string text = e.what();
  std::string prefix = e.file().empty() ? "<input>" : e.file();
  if (e.line() > 0) prefix += ":" + std::to_string(e.line());
  prefix += ": ";
  if (!e.field().empty()) prefix += e.field() + ": ";
  if (text.rfind(prefix, 0) == 0) text = text.substr(prefix.size());
  return text;
}

std::optional<BodyError> literal_private_address(const check::Submission& s) {
  for (const auto& [item, urls] : s.items) {
    for (std::size_t i = 0; i < urls.size(); ++i) {
      auto url = boost::urls::parse_absolute_uri(urls[i]);
      if (!url) continue;
      std::string host(url->encoded_host());
      if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
      boost::system::error_code ec;
      const auto addr = boost::asio::ip::make_address(host, ec);
      if (ec) continue;
      const auto why = fetch::forbidden_reason(addr);
      if (why.empty()) continue;
      const int line = s.item_lines.count(item) ? s.item_lines.at(item) : 0;
      return BodyError{line, "items." + item + "[" + std::to_string(i) + "]",
                       "the URL points at a " + std::string(why) + " address, which this service does not fetch",
                       "URL นี้ชี้ไปยังที่อยู่ภายใน (" + std::string(why) + ") ซึ่งระบบไม่อนุญาตให้ตรวจ"};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> submission_kind(std::string_view content_type) {
  std::string type = ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml" || type == "text/x-yaml") return "yaml";
  if (type == "application/json") return "json";
  if (type == "text/csv") return "csv";
  return std::nullopt;
}

ParsedBody parse_submission_body(std::string_view body, const std::string& kind, check::RuleCatalog& catalog, bool allow_private) {
  ParsedBody out;
  try {
    // JSON is read by the YAML parser (JSON is YAML's flow style), so both report lines alike.
    TempBody file(body, kind == "csv" ? ".csv" : ".yaml");
    check::Submission submission;
    if (kind == "csv") {
      auto units = check::load_submissions_csv(file.path());
      if (units.size() != 1) {
        throw InputError("", 0, "unit_id", "the CSV holds " + std::to_string(units.size()) + " units; a self-check takes exactly one");
      }
      submission = std::move(units.front());
    } else {
      submission = check::load_submission_yaml(file.path());
    }
    catalog.for_unit(submission);  // the framework exists and has every item submitted
    if (!allow_private) {
      if (auto refused = literal_private_address(submission)) {
        out.error = std::move(refused);
        return out;
      }
    }
    submission.file = "submission." + kind;
    out.submission = std::move(submission);
  } catch (const InputError& e) {
    const std::string message = bare_message(e);
    out.error = BodyError{e.line(), e.field(), message, "ข้อมูลที่ส่งไม่ถูกต้อง: " + message};
  }
  return out;
}

}  // namespace oitscan::serve
