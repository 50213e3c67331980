#include "isms/sys/ssh.h"
#include "isms/base/i18n.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

extern "C" char** environ;

namespace isms {

namespace fs = std::filesystem;

namespace {

// A private scratch directory, removed with everything in it.
class Scratch {
 public:
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "isms-obj-ssh-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) dir_ = tmpl;
  }
  ~Scratch() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  bool ok() const { return !dir_.empty(); }
  fs::path put(const std::string& name, std::string_view content) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(content.data(), static_cast<std::streamsize>(content.size()));
    return p;
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs ssh-keygen with `args`: standard input from `input` (inherited when
// empty), output and errors to files of `scratch`. Its exit code, or -1 when
// it could not be started.
int run_keygen(const Scratch& scratch, const std::vector<std::string>& args, const fs::path& input, std::string* out,
               std::string* err) {
  std::vector<std::string> all = {"ssh-keygen"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  const fs::path out_file = scratch.dir() / "stdout", err_file = scratch.dir() / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!input.empty()) posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "ssh-keygen", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  *out = slurp(out_file);
  *err = slurp(err_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// ssh-keygen's first line of words, without the carriage return it ends
// some messages with.
std::string first_line(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace

Status ssh_sign(const fs::path& key_file, std::string_view ns, std::string_view data, std::string* signature) {
  Scratch scratch;
  if (!scratch.ok()) return Status::io_error("cannot make a scratch directory to sign in");
  const fs::path message = scratch.put("message", data);
  std::string out, err;
  const int rc = run_keygen(scratch, {"-Y", "sign", "-q", "-f", key_file.string(), "-n", std::string(ns), message.string()},
                            {}, &out, &err);
  if (rc == -1) return Status::not_found("ssh-keygen (OpenSSH) is needed to sign: install openssh-client");
  if (rc != 0) {
    return Status::io_error(trf("ssh-keygen could not sign with {}: {}", key_file.string(), first_line(err)));
  }
  *signature = slurp(fs::path(message.string() + ".sig"));
  if (signature->rfind("-----BEGIN SSH SIGNATURE-----", 0) != 0) {
    return Status::io_error("ssh-keygen wrote no signature");
  }
  return Status::ok();
}

Status ssh_verify(std::string_view allowed_signers, std::string_view principal, std::string_view ns,
                  std::string_view signature, std::string_view data, bool* valid, std::string* why) {
  *valid = false;
  Scratch scratch;
  if (!scratch.ok()) return Status::io_error("cannot make a scratch directory to verify in");
  const fs::path allowed = scratch.put("allowed_signers", allowed_signers);
  const fs::path sig = scratch.put("signature", signature);
  const fs::path message = scratch.put("message", data);
  std::string out, err;
  const int rc = run_keygen(scratch,
                            {"-Y", "verify", "-f", allowed.string(), "-I", std::string(principal), "-n",
                             std::string(ns), "-s", sig.string()},
                            message, &out, &err);
  if (rc == -1) return Status::not_found("ssh-keygen (OpenSSH) is needed to verify signatures: install openssh-client");
  *valid = rc == 0;
  if (!*valid) *why = first_line(err.empty() ? out : err);
  return Status::ok();
}

}  // namespace isms
