#include "isms/sys/mem_env.h"

#include <algorithm>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/sys/fsutil.h"
#include "isms/sys/ssh.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

bool valid_rel(std::string_view rel) { return !rel.empty() && is_store_relative(rel); }

bool hidden(std::string_view rel) {
  if (rel.empty()) return false;
  if (rel[0] == '.') return true;
  return rel.find("/.") != std::string_view::npos;
}

constexpr std::uint64_t kStartNs = 1767225600ull * 1000000000ull;  // 2026-01-01T00:00:00Z

}  // namespace

class MemEnv::Reader final : public StoreReader {
 public:
  Reader(MemEnv* env, std::string root) : env_(env), root_(std::move(root)) {}
  Status read(std::string_view rel, std::size_t max_bytes, std::string* out, bool* truncated,
              FileStamp* stamp) override {
    if (!valid_rel(rel)) return Status::invalid_argument(trf("'{}' is not a store file", rel));
    std::lock_guard<std::mutex> g(env_->mu_);
    const std::string path = root_ + "/" + std::string(rel);
    const File* f = env_->find(path);
    if (!f) return Status::io_error(trf("cannot read {}: No such file or directory", path));
    *truncated = f->content.size() > max_bytes;
    *out = f->content.substr(0, std::min(f->content.size(), max_bytes + 1));
    if (stamp) *stamp = f->stamp;
    return Status::ok();
  }
  Status stamp(std::string_view rel, FileStamp* out) override {
    if (!valid_rel(rel)) return Status::invalid_argument(trf("'{}' is not a store file", rel));
    std::lock_guard<std::mutex> g(env_->mu_);
    const std::string path = root_ + "/" + std::string(rel);
    const File* f = env_->find(path);
    if (!f) return Status::io_error(trf("cannot stat {}", path));
    *out = f->stamp;
    return Status::ok();
  }

 private:
  MemEnv* env_;
  std::string root_;
};

class MemEnv::Lock final : public StoreLockHandle {
 public:
  Lock(MemEnv* env, std::string root, std::string previous)
      : env_(env), root_(std::move(root)), previous_(std::move(previous)) {}
  ~Lock() override {
    std::lock_guard<std::mutex> g(env_->mu_);
    env_->locked_.erase(root_);
    // A holder stopped by a crash leaves its line, as a killed process does.
    if (!env_->crashed_) env_->lock_lines_.erase(root_);
  }
  const std::string& previous_holder() const override { return previous_; }

 private:
  MemEnv* env_;
  std::string root_;
  std::string previous_;
};

MemEnv::MemEnv() : clock_ns_(kStartNs) {}

std::string MemEnv::key(const fs::path& path) {
  std::string k = path.lexically_normal().generic_string();
  while (k.size() > 1 && k.back() == '/') k.pop_back();
  return k;
}

const MemEnv::File* MemEnv::find(const std::string& path) const {
  auto it = files_.find(key(path));
  return it == files_.end() ? nullptr : &it->second;
}

void MemEnv::add_parents(const std::string& path) {
  for (fs::path p = fs::path(path).parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (!dirs_.insert(key(p)).second) break;
  }
}

void MemEnv::put(const fs::path& path, std::string content) {
  std::lock_guard<std::mutex> g(mu_);
  const std::string k = key(path);
  clock_ns_ += 1000;
  File& f = files_[k];
  f.content = std::move(content);
  f.stamp = FileStamp{f.content.size(), clock_ns_, clock_ns_, next_inode_++, 1};
  add_parents(k);
}

void MemEnv::put_keeping_stamp(const fs::path& path, std::string content) {
  std::lock_guard<std::mutex> g(mu_);
  File& f = files_[key(path)];
  const FileStamp kept = f.stamp;
  f.content = std::move(content);
  f.stamp = kept;
}

void MemEnv::set_mtime(const fs::path& path, std::uint64_t mtime_ns) {
  std::lock_guard<std::mutex> g(mu_);
  const auto it = files_.find(key(path));
  if (it == files_.end()) return;
  clock_ns_ += 1000;
  it->second.stamp.mtime_ns = mtime_ns;
  it->second.stamp.ctime_ns = clock_ns_;
}

std::optional<FileStamp> MemEnv::stamp_of(const fs::path& path) const {
  std::lock_guard<std::mutex> g(mu_);
  const File* f = find(key(path));
  if (!f) return std::nullopt;
  return f->stamp;
}

std::optional<std::string> MemEnv::get(const fs::path& path) const {
  std::lock_guard<std::mutex> g(mu_);
  const File* f = find(key(path));
  if (!f) return std::nullopt;
  return f->content;
}

std::map<std::string, std::string> MemEnv::files_below(const fs::path& root) const {
  std::lock_guard<std::mutex> g(mu_);
  const std::string prefix = key(root) + "/";
  std::map<std::string, std::string> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    out[it->first.substr(prefix.size())] = it->second.content;
  }
  return out;
}

int MemEnv::writes() const {
  std::lock_guard<std::mutex> g(mu_);
  return writes_;
}

void MemEnv::crash_at_write(int n) {
  std::lock_guard<std::mutex> g(mu_);
  crash_at_ = n > 0 ? writes_ + n : 0;
  crashed_ = false;
}

void MemEnv::advance_clock(std::uint64_t ns) {
  std::lock_guard<std::mutex> g(mu_);
  clock_ns_ += ns;
}

void MemEnv::set_history(std::vector<Commit> commits) { history_ = std::move(commits); }
void MemEnv::set_user_email(std::string email) { user_email_ = std::move(email); }
void MemEnv::set_changes(ChangeSet changes) { changes_ = std::move(changes); }

std::unique_ptr<StoreReader> MemEnv::new_reader(const fs::path& root) {
  return std::make_unique<Reader>(this, key(root));
}

bool MemEnv::store_path_exists(const fs::path& root, std::string_view rel) {
  std::lock_guard<std::mutex> g(mu_);
  const std::string k = key(root / fs::path(std::string(rel)));
  return files_.count(k) > 0 || dirs_.count(k) > 0;
}

Status MemEnv::list_store_files(const fs::path& root, Listing* out,
                                const std::function<bool(std::string_view)>& descend, bool stamp) {
  std::lock_guard<std::mutex> g(mu_);
  *out = Listing{};
  const std::string r = key(root);
  if (!dirs_.count(r)) return Status::io_error(trf("cannot open {}: No such file or directory", r));
  const std::string prefix = r + "/";
  std::map<std::string, bool> entered;  // directory → descend's answer
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    const std::string rel = it->first.substr(prefix.size());
    if (hidden(rel)) continue;
    bool listed = true;
    for (std::size_t slash = rel.find('/'); slash != std::string::npos && listed; slash = rel.find('/', slash + 1)) {
      const std::string dir = rel.substr(0, slash);
      auto [at, fresh] = entered.emplace(dir, true);
      if (fresh && descend) at->second = descend(dir);
      listed = at->second;
    }
    if (!listed) continue;
    out->files.push_back(rel);
    if (stamp) out->stamps.push_back(it->second.stamp);
  }
  return Status::ok();
}

Status MemEnv::write_locked(const std::string& path, std::string_view content, bool exclusive) {
  ++writes_;
  if (crash_at_ > 0 && writes_ >= crash_at_) {
    crashed_ = true;
    const int which = writes_ - crash_at_ + 1;
    crash_at_ = 0;
    throw Crash{which};
  }
  if (exclusive && files_.count(path)) return Status::conflict(trf("{} already exists", path));
  if (dirs_.count(path)) return Status::io_error(trf("cannot replace {}: Is a directory", path));
  clock_ns_ += 1000;
  File& f = files_[path];
  f.content = std::string(content);
  f.stamp = FileStamp{f.content.size(), clock_ns_, clock_ns_, next_inode_++, 1};
  add_parents(path);
  return Status::ok();
}

Status MemEnv::write_store_file(const fs::path& root, std::string_view rel, std::string_view content, bool exclusive,
                                bool) {
  if (!valid_rel(rel)) return Status::invalid_argument(trf("'{}' is not a store file", rel));
  std::lock_guard<std::mutex> g(mu_);
  return write_locked(key(root / fs::path(std::string(rel))), content, exclusive);
}

Status MemEnv::sweep_temp_files(const fs::path&, std::vector<std::string>* removed) {
  removed->clear();  // writes are atomic here: nothing is ever left half-written
  return Status::ok();
}

Status MemEnv::lock_store(const fs::path& root, std::chrono::milliseconds timeout, std::string_view holder,
                          std::unique_ptr<StoreLockHandle>* out) {
  std::lock_guard<std::mutex> g(mu_);
  const std::string r = key(root);
  if (locked_.count(r)) {
    return Status::conflict(trf("the store is locked by {}; gave up after {} ms", lock_lines_[r],
                                        timeout.count()));
  }
  std::string previous = lock_lines_[r];
  if (!previous.empty() && previous.back() == '\n') previous.pop_back();
  locked_.insert(r);
  lock_lines_[r] = std::string(holder) + "\n";
  crashed_ = false;
  dirs_.insert(r + "/.isms-obj");
  *out = std::make_unique<Lock>(this, r, std::move(previous));
  return Status::ok();
}

bool MemEnv::is_regular_file(const fs::path& path) {
  std::lock_guard<std::mutex> g(mu_);
  return files_.count(key(path)) > 0;
}

bool MemEnv::is_directory(const fs::path& path) {
  std::lock_guard<std::mutex> g(mu_);
  return dirs_.count(key(path)) > 0;
}

std::vector<std::string> MemEnv::subdirectories(const fs::path& dir) {
  std::lock_guard<std::mutex> g(mu_);
  const std::string prefix = key(dir) + "/";
  std::vector<std::string> out;
  for (auto it = dirs_.lower_bound(prefix); it != dirs_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
    const std::string rest = it->substr(prefix.size());
    if (!rest.empty() && rest.find('/') == std::string::npos) out.push_back(rest);
  }
  return out;
}

Status MemEnv::read_file(const fs::path& path, std::size_t max_bytes, std::string* out, bool* truncated) {
  std::lock_guard<std::mutex> g(mu_);
  const File* f = find(key(path));
  if (!f) return Status::io_error(trf("cannot read {}: No such file or directory", path.string()));
  *truncated = f->content.size() > max_bytes;
  *out = f->content.substr(0, std::min(f->content.size(), max_bytes + 1));
  return Status::ok();
}

Status MemEnv::write_file(const fs::path& path, std::string_view content, bool exclusive) {
  std::lock_guard<std::mutex> g(mu_);
  return write_locked(key(path), content, exclusive);
}

Status MemEnv::create_directories(const fs::path& dir) {
  std::lock_guard<std::mutex> g(mu_);
  const std::string k = key(dir);
  if (files_.count(k)) return Status::io_error(trf("cannot create {}: File exists", k));
  dirs_.insert(k);
  add_parents(k);
  return Status::ok();
}

Status MemEnv::write_through_scratch(const std::function<Status(const fs::path& file)>& write, std::size_t max_bytes,
                                     std::string* bytes) {
  return isms::write_through_scratch(write, max_bytes, bytes);
}

Status MemEnv::remove_file(const fs::path& path) {
  std::lock_guard<std::mutex> g(mu_);
  files_.erase(key(path));
  return Status::ok();
}

Status MemEnv::file_time_now(const fs::path&, std::uint64_t* ns) {
  std::lock_guard<std::mutex> g(mu_);
  *ns = clock_ns_;
  return Status::ok();
}

Status MemEnv::git_history(const fs::path& root, std::vector<Commit>* out) {
  if (!history_) return Status::not_found(trf("{} is not in a git work tree", root.string()));
  *out = *history_;
  return Status::ok();
}

Status MemEnv::git_changes(const fs::path& root, const std::string& ref, ChangeSet* out) {
  if (!changes_) return Status::not_found(trf("{} is not in a git work tree", root.string()));
  *out = *changes_;
  out->ref = ref;
  return Status::ok();
}

std::string MemEnv::git_user_email(const fs::path&) { return user_email_; }

Status MemEnv::ssh_sign(const fs::path& key_file, std::string_view ns, std::string_view data, std::string* signature) {
  return isms::ssh_sign(key_file, ns, data, signature);
}

Status MemEnv::ssh_verify(std::string_view allowed_signers, std::string_view principal, std::string_view ns,
                          std::string_view signature, std::string_view data, bool* valid, std::string* why) {
  return isms::ssh_verify(allowed_signers, principal, ns, signature, data, valid, why);
}

}  // namespace isms
