#include "isms/sys/git.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern "C" char** environ;

namespace isms {

namespace {

// Runs git with `args` in `dir`; stdout into `out`. Returns git's exit code,
// or -1 when git could not be started.
int run_git(const std::filesystem::path& dir, const std::vector<std::string>& args, std::string* out) {
  std::vector<std::string> all = {"git", "-C", dir.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  int pipefd[2];
  if (::pipe(pipefd) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
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

Status read_history(const std::filesystem::path& root, std::vector<Commit>* out) {
  out->clear();
  std::string inside;
  if (run_git(root, {"rev-parse", "--is-inside-work-tree"}, &inside) != 0 || inside.rfind("true", 0) != 0) {
    return Status::not_found(fmt::format("{} is not in a git repository", root.string()));
  }
  std::string log;
  // --relative limits the log to the store's folder and names paths from it.
  const int rc = run_git(root,
                         {"log", "--reverse", "--no-renames", "--relative", "--name-status",
                          "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI", "--", "."},
                         &log);
  if (rc != 0) {
    // A repository without commits has no history yet.
    return Status::ok();
  }
  std::size_t pos = 0;
  while ((pos = log.find('\x1e', pos)) != std::string::npos) {
    const std::size_t end = log.find('\x1e', pos + 1);
    const std::string block = log.substr(pos + 1, end == std::string::npos ? std::string::npos : end - pos - 1);
    pos = pos + 1;
    Commit c;
    std::size_t line_end = block.find('\n');
    const std::string head = block.substr(0, line_end);
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= head.size(); ++i) {
      if (i == head.size() || head[i] == '\x1f') {
        parts.push_back(head.substr(start, i - start));
        start = i + 1;
      }
    }
    if (parts.size() < 4) continue;
    c.hash = parts[0];
    c.author = parts[1];
    c.email = parts[2];
    c.date = Date::parse(parts[3].substr(0, 10));
    while (line_end != std::string::npos) {
      const std::size_t next = block.find('\n', line_end + 1);
      const std::string line = block.substr(line_end + 1, next == std::string::npos ? std::string::npos : next - line_end - 1);
      line_end = next;
      const auto tab = line.find('\t');
      if (line.empty() || tab == std::string::npos) continue;
      c.changes.push_back(Change{line[0], line.substr(tab + 1)});
    }
    out->push_back(std::move(c));
  }
  return Status::ok();
}

std::string git_user_email(const std::filesystem::path& dir) {
  std::string out;
  if (run_git(dir, {"config", "user.email"}, &out) != 0) return {};
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace isms
