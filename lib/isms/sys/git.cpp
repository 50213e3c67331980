#include "isms/sys/git.h"

#include "isms/sys/parallel.h"
#include "isms/base/i18n.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

extern "C" char** environ;

namespace isms {

namespace {

// At most this much goes to a git's standard input: all of it is written
// before git starts, so it must fit in a pipe's buffer (64 KiB on Linux).
constexpr std::size_t kMaxGitInput = 32 * 1024;

// Runs git with `args` in `dir`; `input` (at most kMaxGitInput bytes) on its
// standard input, stdout into `out`. Returns git's exit code, or -1 when git
// could not be started.
int run_git(const std::filesystem::path& dir, const std::vector<std::string>& args, std::string* out,
            std::string_view input = {}) {
  std::vector<std::string> all = {"git", "-C", dir.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Close-on-exec, so that a git started at the same time by another thread
  // does not inherit this pipe and keep it open past this git's end.
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return -1;
  // The input is in the pipe before git starts (it fits in the buffer), so
  // no write can meet a reader that has gone (SIGPIPE).
  int infd[2];
  if (::pipe2(infd, O_CLOEXEC) != 0) {
    ::close(pipefd[0]);
    ::close(pipefd[1]);
    return -1;
  }
  for (std::string_view rest = input.substr(0, kMaxGitInput); !rest.empty();) {
    const ssize_t n = ::write(infd[1], rest.data(), rest.size());
    if (n <= 0) break;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  ::close(infd[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, infd[0], STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  ::close(infd[0]);
  if (rc != 0) {
    ::close(pipefd[0]);
    return -1;
  }
  char buf[65536];
  for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) > 0;) out->append(buf, static_cast<std::size_t>(n));
  ::close(pipefd[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

namespace {

bool inside_work_tree(const std::filesystem::path& root) {
  std::string inside;
  return run_git(root, {"rev-parse", "--is-inside-work-tree"}, &inside) == 0 && inside.rfind("true", 0) == 0;
}

// git's -z output: names ended by NUL.
std::vector<std::string> split_nul(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t nul = text.find('\0', from);
    if (nul == std::string::npos) break;
    out.emplace_back(text, from, nul - from);
    from = nul + 1;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Commits of `range` ("." limited by --relative to the store's folder),
// oldest first.
Status read_log(const std::filesystem::path& root, const std::vector<std::string>& range, std::vector<Commit>* out) {
  std::vector<std::string> args = {"log", "--reverse", "--no-renames", "--relative", "--name-status",
                                   "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI"};
  args.insert(args.end(), range.begin(), range.end());
  args.insert(args.end(), {"--", "."});
  std::string log;
  if (run_git(root, args, &log) != 0) return Status::ok();  // a repository without commits has no history yet
  std::size_t pos = 0;
  while ((pos = log.find('\x1e', pos)) != std::string::npos) {
    const std::size_t end = log.find('\x1e', pos + 1);
    const std::string block = log.substr(pos + 1, end == std::string::npos ? std::string::npos : end - pos - 1);
    pos = pos + 1;
    const std::vector<std::string> lines = split_lines(block);
    if (lines.empty()) continue;
    std::vector<std::string> parts;
    std::size_t start = 0;
    const std::string& head = lines.front();
    for (std::size_t i = 0; i <= head.size(); ++i) {
      if (i == head.size() || head[i] == '\x1f') {
        parts.push_back(head.substr(start, i - start));
        start = i + 1;
      }
    }
    if (parts.size() < 4) continue;
    Commit c;
    c.hash = parts[0];
    c.author = parts[1];
    c.email = parts[2];
    c.date = Date::parse(parts[3].substr(0, 10));
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto tab = lines[i].find('\t');
      if (lines[i].empty() || tab == std::string::npos) continue;
      c.changes.push_back(Change{lines[i][0], lines[i].substr(tab + 1)});
    }
    out->push_back(std::move(c));
  }
  return Status::ok();
}

}  // namespace

Status read_history(const std::filesystem::path& root, std::vector<Commit>* out) {
  out->clear();
  if (!inside_work_tree(root)) return Status::not_found(trf("{} is not in a git repository", root.string()));
  return read_log(root, {}, out);
}

namespace {

// The files of `git diff --raw -p -U0` output and, for each, the new side
// of every hunk.
void read_diff(std::string_view raw, std::map<std::string, FileChange>* files) {
  while (!raw.empty() && raw[0] == ':') {
    const std::size_t nl = raw.find('\n');
    const std::string_view line = raw.substr(0, nl);
    raw.remove_prefix(nl == std::string_view::npos ? raw.size() : nl + 1);
    // ":old-mode new-mode old-hash new-hash STATUS\tpath"
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || tab < 1) continue;
    FileChange f;
    const char status = line[line.rfind(' ', tab) + 1];
    f.status = status == 'A' || status == 'D' ? status : 'M';
    f.path = std::string(line.substr(tab + 1));
    (*files)[f.path] = f;
  }
  FileChange* current = nullptr;
  for (const auto& line : split_lines(std::string(raw))) {
    if (line.rfind("+++ ", 0) == 0) {
      auto it = line.rfind("+++ b/", 0) == 0 ? files->find(line.substr(6)) : files->end();
      current = it == files->end() ? nullptr : &it->second;
    } else if (current && line.rfind("@@ ", 0) == 0) {
      const auto plus = line.find(" +");
      if (plus == std::string::npos) continue;
      // "@@ -a,b +first[,count] @@": count 1 when omitted.
      char* end = nullptr;
      const long first = std::strtol(line.c_str() + plus + 2, &end, 10);
      long count = 1;
      if (end && *end == ',') count = std::strtol(end + 1, nullptr, 10);
      current->lines.push_back(std::max(static_cast<int>(first), 1));
      current->hunks.emplace_back(static_cast<int>(first), static_cast<int>(count));
    }
  }
}

// Of the `visible` paths, those not in the index (`ls-files -z` output) and
// not ignored. Both lists are in byte order (the index's, and std::string's).
std::vector<std::string> visible_untracked(const std::filesystem::path& root, const std::string& tracked,
                                           std::vector<std::string> visible) {
  std::vector<std::string_view> index;
  for (std::size_t from = 0, nul; (nul = tracked.find('\0', from)) != std::string::npos; from = nul + 1) {
    index.emplace_back(tracked.data() + from, nul - from);
  }
  if (!std::is_sorted(index.begin(), index.end())) std::sort(index.begin(), index.end());
  if (!std::is_sorted(visible.begin(), visible.end())) std::sort(visible.begin(), visible.end());
  std::vector<std::string> candidates;
  auto in_index = index.begin();
  for (auto& path : visible) {
    while (in_index != index.end() && *in_index < path) ++in_index;
    if (in_index == index.end() || *in_index != path) candidates.push_back(std::move(path));
  }
  std::vector<std::string> ignored;
  for (std::size_t from = 0; from < candidates.size();) {
    std::string names;  // NUL-separated, within a pipe's buffer
    for (; from < candidates.size() && (names.empty() || names.size() + candidates[from].size() < kMaxGitInput); ++from) {
      names += candidates[from];
      names += '\0';
    }
    std::string answer;
    // The candidates are untracked: --no-index spares git reading the index
    // (0.12 s of 438,000 entries) to learn that again. Exit 1: none ignored.
    (void)run_git(root, {"check-ignore", "--no-index", "-z", "--stdin"}, &answer, names);
    for (auto& path : split_nul(answer)) ignored.push_back(std::move(path));
  }
  std::sort(ignored.begin(), ignored.end());
  std::erase_if(candidates, [&](const std::string& path) { return std::binary_search(ignored.begin(), ignored.end(), path); });
  return candidates;
}

}  // namespace

Status read_changes(const std::filesystem::path& root, const std::string& ref, ChangeSet* out,
                    const std::function<Status(std::vector<std::string>*)>& list_visible) {
  *out = ChangeSet{};
  out->ref = ref;
  if (!inside_work_tree(root)) return Status::not_found(trf("{} is not in a git repository", root.string()));
  const std::string fetch =
      "fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0; in GitLab CI: GIT_DEPTH: 0)";
  std::string hash;
  if (ref.empty() || ref[0] == '-' ||
      run_git(root, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"}, &hash) != 0) {
    return Status::invalid_argument(trf("--base {}: no such commit in this repository; {}", ref, fetch));
  }
  std::string base;
  if (run_git(root, {"merge-base", "--end-of-options", ref, "HEAD"}, &base) != 0 || base.size() < 40) {
    return Status::invalid_argument(
        trf("--base {}: it shares no history with HEAD here (a shallow clone?); {}", ref, fetch));
  }
  out->base = base.substr(0, base.find('\n'));

  std::map<std::string, FileChange> files;
  // What changed against the base, with the new side of every hunk, in one
  // diff; the index; and the untracked files (git.h): asked at once.
  std::string diff, tracked, untracked;
  int diff_rc = 0;
  std::vector<std::string> visible;
  Status listed = Status::ok();
  run_workers(3, [&](std::size_t which) {
    if (which == 0) {
      diff_rc = run_git(root, {"-c", "core.quotePath=false", "diff", "--no-renames", "--relative", "--raw", "-p", "-U0",
                               "--no-color", "--no-ext-diff", out->base, "--", "."},
                        &diff);
    } else if (which == 1) {
      if (list_visible) (void)run_git(root, {"ls-files", "-z", "--cached", "--", "."}, &tracked);
    } else {
      std::vector<std::string> args = {"ls-files", "-z", "--others", "--exclude-standard", "--"};
      if (list_visible) {
        listed = list_visible(&visible);
        std::error_code ec;
        for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
          const std::string name = it->path().filename().string();
          if (name[0] == '.' && name != ".git") args.push_back(":(literal)" + name);
        }
      } else {
        args.push_back(".");
      }
      if (args.back() != "--") (void)run_git(root, args, &untracked);
    }
  });
  if (diff_rc != 0) return Status::io_error(trf("git diff against {} failed", out->base));
  if (!listed.is_ok()) return listed;
  read_diff(diff, &files);
  for (const auto& path : visible_untracked(root, tracked, std::move(visible))) {
    files[path] = FileChange{'A', path, {}, {}, {}};
  }
  for (const auto& path : split_nul(untracked)) files[path] = FileChange{'A', path, {}, {}, {}};
  for (auto& [path, f] : files) {
    if (f.status != 'A') {
      (void)run_git(root, {"show", "--no-textconv", out->base + ":./" + path}, &f.before);
    }
    out->files.push_back(std::move(f));
  }
  return read_log(root, {out->base + "..HEAD"}, &out->commits);
}

std::string git_user_email(const std::filesystem::path& dir) {
  std::string out;
  if (run_git(dir, {"config", "user.email"}, &out) != 0) return {};
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace isms
