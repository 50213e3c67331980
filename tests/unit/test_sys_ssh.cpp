#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "isms/sys/ssh.h"
#include "support.h"

using namespace test;

namespace {

// A new Ed25519 key pair at `path` (and path.pub), without a passphrase.
bool keygen(const std::filesystem::path& path) {
  const std::string cmd = "ssh-keygen -q -t ed25519 -N '' -C test -f '" + path.string() + "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

std::string public_key(const std::filesystem::path& path) {
  std::ifstream in(path.string() + ".pub");
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

TEST_CASE("ssh signatures: what one key signed under one namespace verifies for its principal, nothing else") {
  TempDir t;
  if (!keygen(t.path / "a") || !keygen(t.path / "b")) {
    MESSAGE("ssh-keygen is not installed: skipped");
    return;
  }
  std::string sig;
  REQUIRE(isms::ssh_sign(t.path / "a", "isms-obj-approval", "{\"x\":1}", &sig).is_ok());
  CHECK(sig.rfind("-----BEGIN SSH SIGNATURE-----", 0) == 0);
  const std::string allowed = "lee.ch namespaces=\"isms-obj-approval\" " + public_key(t.path / "a") + "\n";
  struct Case {
    const char* what;
    std::string allowed, principal, ns, data;
    bool valid;
  } cases[] = {
      {"the signed bytes", allowed, "lee.ch", "isms-obj-approval", "{\"x\":1}", true},
      {"other bytes", allowed, "lee.ch", "isms-obj-approval", "{\"x\":2}", false},
      {"another namespace", allowed, "lee.ch", "git", "{\"x\":1}", false},
      {"another principal", allowed, "lin.mh", "isms-obj-approval", "{\"x\":1}", false},
      {"another key listed",
       "lee.ch namespaces=\"isms-obj-approval\" " + public_key(t.path / "b") + "\n", "lee.ch", "isms-obj-approval",
       "{\"x\":1}", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    bool valid = !c.valid;
    std::string why;
    REQUIRE(isms::ssh_verify(c.allowed, c.principal, c.ns, sig, c.data, &valid, &why).is_ok());
    CHECK(valid == c.valid);
    CHECK(why.empty() == c.valid);
    CHECK(why.find('\r') == std::string::npos);
  }
  // A key file that does not exist: ssh-keygen's own words.
  const isms::Status s = isms::ssh_sign(t.path / "missing", "isms-obj-approval", "x", &sig);
  CHECK_FALSE(s.is_ok());
  CHECK(s.message().find("missing") != std::string::npos);
}
