#include "isms/ops/session.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "isms/rules/validate.h"
#include "isms/sys/fsutil.h"

namespace isms {

Diagnostics WriteSession::errors_in(const std::string& file) const {
  Diagnostics out;
  for (const auto& d : findings.items()) {
    if (d.file == file && d.severity == Severity::Error) out.add(d);
  }
  return out;
}

Status identify(const Config& config, const std::string& id, const std::string& email, std::string_view option,
                std::string_view role, const Person** out) {
  *out = nullptr;
  if (!id.empty()) {
    *out = config.person(id);
    if (!*out) return Status::invalid_argument(fmt::format("{} '{}' is not a person in {}", option, id, kConfigFileName));
    return Status::ok();
  }
  *out = person_by_email(config, email);
  if (*out) return Status::ok();
  return Status::invalid_argument(
      email.empty() ? fmt::format("{} give {} PERSON-ID, or set git config user.email to an e-mail address listed in {}",
                                  role, option, kConfigFileName)
                    : fmt::format("git user.email {} belongs to nobody in {}; give {} PERSON-ID", email, kConfigFileName,
                                  option));
}

Status begin_write(const std::filesystem::path& root, const WriteOptions& write, const Date& today,
                   const LoadScope& scope, WriteSession* session, Diagnostics& diags) {
  if (Status s = StoreLock::acquire(root, write.lock_timeout, write.lock_holder, &session->lock); !s.is_ok()) return s;
  session->previous_holder = session->lock.previous_holder();
  if (!session->previous_holder.empty()) {
    // A writer died holding the lock: its temporary file may still be there.
    std::vector<std::string> removed;
    if (Status s = sweep_temp_files(root, &removed); !s.is_ok()) return s;
    if (!removed.empty()) {
      session->previous_holder += fmt::format(" (removed the temporary file{} it left: {})",
                                              removed.size() == 1 ? "" : "s", fmt::join(removed, ", "));
    }
  }
  session->store.cache_tool_id = write.cache_tool_id;
  if (Status s = load_store(root, &session->store, session->findings, scope); !s.is_ok()) return s;
  ValidateOptions options;
  options.today = today;
  check_store(session->store, options, session->findings);
  session->findings.finish();
  // Every writer's authority checks (who is CISO, who heads a unit) read the
  // config, so a config with any error, schema or semantic (overlapping
  // role terms, unknown people), stops every write.
  Diagnostics config_errors = session->errors_in(std::string(kConfigFileName));
  if (!session->store.config || config_errors.has_errors()) {
    diags.append(config_errors);
    return Status::invalid_argument(
        fmt::format("{} has problems; run 'isms-obj validate' and fix it before writing", kConfigFileName));
  }
  return Status::ok();
}

}  // namespace isms
