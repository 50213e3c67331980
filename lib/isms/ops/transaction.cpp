#include "isms/ops/transaction.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"
#include "isms/rules/validate.h"
#include "isms/store/emit.h"

namespace isms {

namespace fs = std::filesystem;

Status WriteTransaction::begin(Env& env, const fs::path& root, const WriteRequest& request, const LoadScope& scope,
                               std::string* previous_holder, Diagnostics& diags) {
  const Status s = open(env, root, request.write, request.today, scope, diags);
  *previous_holder = previous_holder_;
  return s;
}

Status WriteTransaction::open(Env& env, const fs::path& root, const WriteOptions& write, const Date& today,
                              const LoadScope& scope, Diagnostics& diags) {
  env_ = &env;
  root_ = root;
  today_ = today;
  if (Status s = env.lock_store(root, write.lock_timeout, write.lock_holder, &lock_); !s.is_ok()) return s;
  previous_holder_ = lock_->previous_holder();
  if (!previous_holder_.empty()) {
    // A writer died holding the lock: its temporary file may still be there.
    std::vector<std::string> removed;
    if (Status s = env.sweep_temp_files(root, &removed); !s.is_ok()) return s;
    if (!removed.empty()) {
      previous_holder_ += trf(" (removed the temporary file{} it left: {})", removed.size() == 1 ? "" : "s",
                                      fmt::join(removed, ", "));
    }
  }
  LoadOptions load;
  load.scope = scope;
  load.cache_tool_id = write.cache_tool_id;
  load.keep_trees = true;  // set revises a table's own tree
  Diagnostics loaded;
  if (Status s = load_store(env, root, load, &store_, loaded); !s.is_ok()) return s;
  unreadable_count_ = unreadable_files(loaded, &unreadable_);
  unreadable_.finish();
  findings_.append(loaded);
  ValidateOptions options;
  options.today = today;
  options.signatures = &env;
  check_store(store_, options, findings_);
  findings_.finish();
  // Every writer's authority checks (who is CISO, who heads a unit) read the
  // config, so a config with any error, schema or semantic (overlapping
  // role terms, unknown people), stops every write.
  Diagnostics config_errors = errors_in(std::string(kConfigFileName));
  if (!store_.config || config_errors.has_errors()) {
    diags.append(config_errors);
    return Status::invalid_argument(
        trf("{} has problems; run 'isms-obj validate' and fix it before writing", kConfigFileName));
  }
  return Status::ok();
}

Diagnostics WriteTransaction::errors_in(const std::string& file) const { return errors_of(findings_, file); }

Status WriteTransaction::refuse_unreadable(Diagnostics& diags) const {
  if (unreadable_count_ == 0) return Status::ok();
  diags.append(unreadable_);
  return refuse(trf("nothing was written: record files that could not be read: {}; what this command computes "
                    "from the records would leave them out. Fix them first (isms-obj validate lists every problem)",
                    unreadable_count_));
}

Diagnostics errors_of(const Diagnostics& all, const std::string& file) {
  Diagnostics out;
  for (const auto& d : all.items()) {
    if (d.file == file && d.severity == Severity::Error) out.add(d);
  }
  return out;
}

bool WriteTransaction::exists(const std::string& rel) { return env_->store_path_exists(root_, rel); }

RecordPath WriteTransaction::free_sequence(RecordPath where) {
  for (where.sequence = 1; exists(record_path(where)); ++where.sequence) {
  }
  return where;
}

Status WriteTransaction::read(const std::string& rel, std::string* bytes) {
  bool truncated = false;
  return env_->read_store_file(root_, rel, 1024 * 1024, bytes, &truncated);
}

bool WriteTransaction::check_tree(const std::string& rel, YamlNode tree, Diagnostics& diags) {
  return put_tree(&store_, rel, std::move(tree), diags);
}

Diagnostics WriteTransaction::check_rules() const {
  Diagnostics out;
  ValidateOptions options;
  options.today = today_;
  options.signatures = env_;
  check_store(store_, options, out);
  out.finish();
  return out;
}

bool WriteTransaction::stage(const std::string& rel, std::string text, Diagnostics& diags) {
  Diagnostics loaded;
  if (!put_source(&store_, rel, text, loaded)) {
    diags.append(loaded);
    return false;
  }
  // A file on disk at the start is replaced; a new record never overwrites
  // one that appeared meanwhile.
  const bool exclusive = !exists(rel);
  for (auto& s : staged_) {
    if (s.rel == rel) {
      s.text = std::move(text);
      return true;
    }
  }
  staged_.push_back({rel, std::move(text), exclusive});
  return true;
}

bool WriteTransaction::put(const std::string& rel, const SettingTable& t, Diagnostics& diags) {
  return stage(rel, emit_setting(t, header_for(store_, RecordKind::Setting, rel, t.unit, t.year)), diags);
}

bool WriteTransaction::put(const std::string& rel, const Approval& a, Diagnostics& diags,
                           const std::vector<std::string>& notes) {
  EmitHeader h = header_for(store_, RecordKind::Approval, rel, a.unit, a.year);
  h.notes = notes;
  return stage(rel, emit_approval(a, h), diags);
}

bool WriteTransaction::put(const std::string& rel, const Result& r, std::string_view item, Diagnostics& diags) {
  return stage(rel, emit_result(r, header_for(store_, RecordKind::Result, rel, r.unit, r.year, r.quarter, item)),
               diags);
}

bool WriteTransaction::put(const std::string& rel, const Review& r, Diagnostics& diags) {
  return stage(rel, emit_review(r, header_for(store_, RecordKind::Review, rel, r.unit, r.year, r.quarter)), diags);
}

bool WriteTransaction::put(const std::string& rel, const Referral& r, std::string_view item, Diagnostics& diags) {
  return stage(rel, emit_referral(r, header_for(store_, RecordKind::Referral, rel, r.unit, r.year, 0, item)), diags);
}

bool WriteTransaction::put(const std::string& rel, const Confirmation& c, Diagnostics& diags) {
  return stage(rel, emit_confirmation(c, header_for(store_, RecordKind::Confirmation, rel, c.unit, c.year, c.quarter)),
               diags);
}

Status WriteTransaction::machine_written(const std::string& rel, const SettingTable& t, bool* yes) {
  std::string bytes;
  if (Status s = read(rel, &bytes); !s.is_ok()) return s;
  *yes = bytes == emit_setting(t, header_for(store_, RecordKind::Setting, rel, t.unit, t.year));
  return Status::ok();
}

Status WriteTransaction::machine_written(const std::string& rel, const Referral& r, std::string_view item, bool* yes) {
  std::string bytes;
  if (Status s = read(rel, &bytes); !s.is_ok()) return s;
  *yes = bytes == emit_referral(r, header_for(store_, RecordKind::Referral, rel, r.unit, r.year, 0, item));
  return Status::ok();
}

std::vector<std::string> WriteTransaction::staged() const {
  std::vector<std::string> out;
  for (const auto& s : staged_) out.push_back(s.rel);
  return out;
}

Status WriteTransaction::commit() {
  for (const auto& s : staged_) {
    if (Status st = env_->write_store_file(root_, s.rel, s.text, s.exclusive); !st.is_ok()) return st;
  }
  staged_.clear();
  return Status::ok();
}

Status unwritable(const Diagnostics& problems, const std::string& rel, Diagnostics& diags) {
  for (const auto& d : problems.items()) {
    // The emitter escapes what the input held, and the loader refuses the
    // character behind the escape: the input's, not the emitter's, fault.
    if (d.code == DiagCode::EncodingControlCharacter || d.code == DiagCode::EncodingUtf8) {
      return refuse(trf("nothing was written: a text given for {} is not acceptable record text: {}", rel,
                        d.message));
    }
    if (d.code == DiagCode::FileTooLarge || d.code == DiagCode::YamlTooLarge) {
      return refuse(trf("nothing was written: {} would be larger than a record may be ({}); split the input, or "
                        "shorten its texts",
                        rel, d.message));
    }
  }
  diags.append(problems);
  return Status::io_error(trf("internal error: {} as written would not read back", rel));
}

Status sign_record(Env& env, const std::filesystem::path& key, const char* ns, const std::string& text,
                   const std::string& rel, std::string* signature, Signed what) {
  Diagnostics parse;
  const auto tree = parse_yaml(text, rel, parse);
  if (!tree) return Status::io_error(trf("internal error: {} to sign does not read back", rel));
  if (Status s = env.ssh_sign(key, ns, signed_content(*tree, what), signature); !s.is_ok()) {
    return s.code() == Status::Code::NotFound ? s : refuse(s.message());
  }
  return Status::ok();
}

void relabel(const Diagnostics& all, const std::string& rel, const std::string& input, Diagnostics& out) {
  for (auto d : all.items()) {
    if (d.file != rel || d.severity != Severity::Error) continue;
    if (d.mark.line > 0 && !input.empty()) {
      d.file = input;
    } else {
      d.file = input.empty() ? std::string(tr("command line")) : input;
      d.mark = {};
    }
    out.add(d);
  }
}

Status identify(const Config& config, const std::string& id, const std::string& email, std::string_view option,
                std::string_view role, const Person** out) {
  *out = nullptr;
  if (!id.empty()) {
    *out = config.person(id);
    if (!*out) return Status::invalid_argument(trf("{} '{}' is not a person in {}", option, id, kConfigFileName));
    return Status::ok();
  }
  *out = person_by_email(config, email);
  if (*out) return Status::ok();
  return Status::invalid_argument(
      email.empty() ? trf("{} give {} PERSON-ID, or set git config user.email to an e-mail address listed in {}",
                                  role, option, kConfigFileName)
                    : trf("git user.email {} belongs to nobody in {}; give {} PERSON-ID", email, kConfigFileName,
                                  option));
}

}  // namespace isms
