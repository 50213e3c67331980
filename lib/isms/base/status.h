// Outcome of an operation that can fail for reasons other than the content
// of records (those are Diagnostics). Modelled on leveldb::Status: cheap to
// return, ok() or a code plus a one-line message for the user.
#pragma once

#include <string>
#include <utility>

#include "isms/base/i18n.h"

namespace isms {

class Status {
 public:
  enum class Code { Ok, InvalidArgument, NotFound, Conflict, IoError };

  Status() = default;
  static Status ok() { return {}; }
  // A literal message is translated here (base/i18n.h); a formatted one was by trf.
  static Status invalid_argument(std::string m) { return {Code::InvalidArgument, tr(m)}; }
  static Status not_found(std::string m) { return {Code::NotFound, tr(m)}; }
  static Status conflict(std::string m) { return {Code::Conflict, tr(m)}; }
  static Status io_error(std::string m) { return {Code::IoError, tr(m)}; }

  bool is_ok() const { return code_ == Code::Ok; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::Ok;
  std::string message_;
};

}  // namespace isms
