#include <doctest/doctest.h>

#include "isms/base/status.h"

TEST_CASE("a status is ok, or a code with a one-line message") {
  CHECK(isms::Status().is_ok());
  CHECK(isms::Status::ok().code() == isms::Status::Code::Ok);
  const struct {
    isms::Status status;
    isms::Status::Code code;
  } rows[] = {
      {isms::Status::invalid_argument("a"), isms::Status::Code::InvalidArgument},
      {isms::Status::not_found("b"), isms::Status::Code::NotFound},
      {isms::Status::conflict("c"), isms::Status::Code::Conflict},
      {isms::Status::io_error("d"), isms::Status::Code::IoError},
  };
  for (const auto& r : rows) {
    CHECK_FALSE(r.status.is_ok());
    CHECK(r.status.code() == r.code);
    CHECK(r.status.message().size() == 1);
  }
}
