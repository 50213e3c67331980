// What every writing operation starts with.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/store/store.h"
#include "isms/sys/lock.h"

namespace isms {

// An operation's refusal: nothing was written, and the message says why
// and what to do instead.
inline Status refuse(std::string why) { return Status::invalid_argument(std::move(why)); }

struct WriteOptions {
  std::string lock_holder;  // who we are, written into the lock file for waiters
  std::chrono::milliseconds lock_timeout{10000};
  std::string cache_tool_id;  // Store::cache_tool_id for the session's store
};

// A writing operation's view of the store, taken under its lock: the part of
// the store it needs, loaded and checked as validate would check it on
// `today`.
struct WriteSession {
  StoreLock lock;
  Store store;
  Diagnostics findings;  // every diagnostic of the store as it is, sorted
  // Set when the last writer did not release the lock cleanly: who it was,
  // and the temporary files of its unfinished write, which were removed.
  std::string previous_holder;

  // Errors of one file among the findings.
  Diagnostics errors_in(const std::string& file) const;
};

// The person acting: `id` when given (an option such as --by), else the
// person whose e-mail is `email` (git config user.email). InvalidArgument
// naming `option` when neither resolves; `role` words the question
// ("who is deciding?").
Status identify(const Config& config, const std::string& id, const std::string& email, std::string_view option,
                std::string_view role, const Person** out);

// Takes the lock, loads and checks the part of the store in `scope` (the
// years and units the operation reads and writes). Fails with the lock's
// status, an I/O status, or InvalidArgument when the configuration is
// invalid (its errors are appended to `diags`): nothing can be written to
// such a store.
Status begin_write(const std::filesystem::path& root, const WriteOptions& write, const Date& today,
                   const LoadScope& scope, WriteSession* session, Diagnostics& diags);

}  // namespace isms
