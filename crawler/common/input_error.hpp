#pragma once
// The one error type for "the user gave us something we cannot use".
// The CLI turns it into exit code 2 and a message naming file, line and field.
#include <stdexcept>
#include <string>

namespace oitscan {

class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, std::string field, const std::string& message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 0 when unknown
  const std::string& field() const { return field_; }

 private:
  std::string file_;
  int line_;
  std::string field_;
};

}  // namespace oitscan
