// One write transaction: what every writing operation (set, approve,
// record-quarter, review --record) does around its domain logic.
//
//   1. begin: take the store's lock (sweeping what a killed writer left),
//      load the part of the store the operation touches and check it as
//      validate would on `today`; a configuration with errors stops here.
//   2. the operation decides what to write, asking the transaction what is
//      on disk (exists, free_sequence, read) and putting each new record
//      into the loaded store — a tree built from its input (check_tree), or
//      the typed record as it will be written (put) — so that the rules
//      validate applies judge it with everything else (check_rules).
//   3. commit: every record put, written atomically, in order, each whole
//      or not at all.
//
// The operation maps diagnostics to its input (an option, a CSV row, a YAML
// line) with relabel(); it never touches the Env itself.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/format/digest.h"
#include "isms/format/yaml.h"
#include "isms/store/store.h"
#include "isms/sys/env.h"

namespace isms {

// An operation's refusal: nothing was written, and the message says why
// and what to do instead.
inline Status refuse(std::string why) { return Status::invalid_argument(std::move(why)); }

struct WriteOptions {
  std::string lock_holder;  // who we are, written into the lock file for waiters
  std::chrono::milliseconds lock_timeout{10000};
  std::string cache_tool_id;  // LoadOptions::cache_tool_id for the transaction's store
};

// What every write operation's request carries.
struct WriteRequest {
  Date today;          // the day the operation acts on (--today, else the clock)
  WriteOptions write;  // lock and cache settings
};

class WriteTransaction {
 public:
  WriteTransaction() = default;
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // Takes the lock, loads and checks the part of the store in `scope` (the
  // years and units the operation reads and writes). Fails with the lock's
  // status, an I/O status, or InvalidArgument when the configuration is
  // invalid (its errors are appended to `diags`): nothing can be written to
  // such a store. `*previous_holder` (see previous_holder()) is set even
  // when it fails, so that a refusal still reports a stopped writer.
  Status begin(Env& env, const std::filesystem::path& root, const WriteRequest& request, const LoadScope& scope,
               std::string* previous_holder, Diagnostics& diags);

  Store& store() { return store_; }
  const Config& config() const { return *store_.config; }
  // Set when the last writer did not release the lock cleanly: who it was,
  // and the temporary files of its unfinished write, which were removed.
  const std::string& previous_holder() const { return previous_holder_; }
  // Errors of one file in the store as it was when the transaction began.
  Diagnostics errors_in(const std::string& file) const;
  // A refusal, with their errors appended to `diags`, when record files in
  // scope could not be read (store.h unreadable_files): an operation that
  // computes from the records (a cumulative, a quarter's review) would
  // count them as missing. Ok when every file read.
  Status refuse_unreadable(Diagnostics& diags) const;

  // What is on disk now.
  bool exists(const std::string& rel);
  // `where` with the first sequence (1, 2, …) whose path is free.
  RecordPath free_sequence(RecordPath where);
  Status read(const std::string& rel, std::string* bytes);

  // Puts a tree into the loaded store as validate would read it, replacing
  // what was loaded from `rel`; its load problems go to `diags`. False when
  // it does not load. The tree's marks point wherever it came from (an
  // input file's lines), so its problems can be shown there.
  bool check_tree(const std::string& rel, YamlNode tree, Diagnostics& diags);
  // Every rule validate applies, over the loaded store as it now is.
  Diagnostics check_rules() const;

  // Writes `record` as the file `rel` will hold it (store/emit.h: its
  // modeline and title, `item` naming the objective in the titles of
  // results and referrals, `notes` as comments under an approval's title) and puts that text into the loaded store as
  // validate would read it, replacing what was loaded from `rel`. False
  // when it does not read back as a record (its problems in `diags`). The
  // text is written by commit(): a file that exists when it is put is
  // replaced, any other is created and must still not exist by then.
  bool put(const std::string& rel, const SettingTable& record, Diagnostics& diags);
  bool put(const std::string& rel, const Approval& record, Diagnostics& diags,
           const std::vector<std::string>& notes = {});
  bool put(const std::string& rel, const Result& record, std::string_view item, Diagnostics& diags);
  bool put(const std::string& rel, const Review& record, Diagnostics& diags);
  bool put(const std::string& rel, const Referral& record, std::string_view item, Diagnostics& diags);
  bool put(const std::string& rel, const Confirmation& record, Diagnostics& diags);
  // Whether the file `rel` holds exactly what the emitter makes of `record`
  // as loaded from it: nothing a person added (comments, layout), so that it
  // may be rewritten.
  Status machine_written(const std::string& rel, const SettingTable& record, bool* yes);
  Status machine_written(const std::string& rel, const Referral& record, std::string_view item, bool* yes);
  // The paths put so far, in order.
  std::vector<std::string> staged() const;
  // Writes every put file in order. On failure, the files before the
  // failing one are written and the rest are not.
  Status commit();

 private:
  Env* env_ = nullptr;
  std::filesystem::path root_;
  Date today_;
  std::unique_ptr<StoreLockHandle> lock_;
  Store store_;
  Diagnostics findings_;  // every diagnostic of the store as it was, sorted
  Diagnostics unreadable_;  // the load errors of record files in scope
  std::size_t unreadable_count_ = 0;
  std::string previous_holder_;
  struct Staged {
    std::string rel, text;
    bool exclusive = true;
  };
  std::vector<Staged> staged_;
  bool stage(const std::string& rel, std::string text, Diagnostics& diags);
  Status open(Env& env, const std::filesystem::path& root, const WriteOptions& write, const Date& today,
              const LoadScope& scope, Diagnostics& diags);
};

// Signs a record as the file `rel` will hold it (`text`, its emitted form
// without this signature) with `key` under `ns`: over the content `what`
// covers (format/digest.h), which the signature block appended last leaves
// as it is (docs/trust.md). A key ssh-keygen cannot use is a refusal.
Status sign_record(Env& env, const std::filesystem::path& key, const char* ns, const std::string& text,
                   const std::string& rel, std::string* signature, Signed what = Signed::Act);

// What to answer when put() did not take a record, given its `problems`:
// a refusal when the input was at fault — a text with a character records
// refuse, or a record beyond the bounds every record is read under
// (file.too-large, yaml.too-large) — else an internal error (the emitter
// wrote what the loader cannot read), whose problems go to `diags`.
Status unwritable(const Diagnostics& problems, const std::string& rel, Diagnostics& diags);

// The errors of `file` among `all`.
Diagnostics errors_of(const Diagnostics& all, const std::string& file);

// Errors of `rel` among `all`, shown against where the content came from:
// `input` (a file, kept at the diagnostic's line) or the command line.
void relabel(const Diagnostics& all, const std::string& rel, const std::string& input, Diagnostics& out);

// The person acting: `id` when given (an option such as --by), else the
// person whose e-mail is `email` (git config user.email). InvalidArgument
// naming `option` when neither resolves; `role` words the question
// ("who is deciding?").
Status identify(const Config& config, const std::string& id, const std::string& email, std::string_view option,
                std::string_view role, const Person** out);

}  // namespace isms
