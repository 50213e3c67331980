#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/digest.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/validate.h"
#include "isms/views/retention.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::TableState;
using namespace test;

TEST_CASE("the digest ignores formatting, key order and comments, and sees every value") {
  isms::Diagnostics d;
  auto a = isms::parse_yaml("kind: setting\nyear: 2026\nunit: cc\nrevision: 1\nstatus: draft\n"
                            "objectives: [{id: x, target: 95.0, actions: [a, b]}]\n",
                            "a", d);
  auto b = isms::parse_yaml("# a comment\nunit: cc   # trailing\nyear: 2026\nkind: setting\nrevision: 7\n"
                            "status: submitted\nupdated: 2026-01-01\nnote: why\nobjectives:\n"
                            "  - actions:\n      - a\n      - b\n    target: 95\n    id: x\n",
                            "b", d);
  auto c = isms::parse_yaml("kind: setting\nyear: 2026\nunit: cc\nrevision: 1\nstatus: draft\n"
                            "objectives: [{id: x, target: 95.5, actions: [a, b]}]\n",
                            "c", d);
  auto e = isms::parse_yaml("kind: setting\nyear: 2026\nunit: cc\nrevision: 1\nstatus: draft\n"
                            "objectives: [{id: x, target: 95, actions: [b, a]}]\n",
                            "e", d);
  REQUIRE((a && b && c && e));
  CHECK(isms::setting_digest(*a) == isms::setting_digest(*b));
  CHECK(isms::setting_digest(*a) != isms::setting_digest(*c));
  CHECK(isms::setting_digest(*a) != isms::setting_digest(*e));  // action order is content
  CHECK(isms::canonical_json(*a, {"revision", "status"}) ==
        R"({"kind":"setting","objectives":[{"actions":["a","b"],"id":"x","target":95}],"unit":"cc","year":2026})");
  // A field set to null is the field left out: the emitter writes
  // `last_year_actual: null` for a table written by hand without it (found
  // by the record fuzz harness's emitter round trip).
  auto n1 = isms::parse_yaml("kind: setting\nyear: 2026\nunit: cc\nobjectives: [{id: x, last_year_actual: null}]\n",
                             "n1", d);
  auto n2 = isms::parse_yaml("kind: setting\nyear: 2026\nunit: cc\nobjectives: [{id: x}]\n", "n2", d);
  REQUIRE((n1 && n2));
  CHECK(isms::setting_digest(*n1) == isms::setting_digest(*n2));
  CHECK(isms::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("ssh fingerprints are what ssh-keygen -l shows") {
  // Made with ssh-keygen -t ed25519; `ssh-keygen -lf` printed the fingerprints.
  struct Case {
    const char* key;
    const char* fingerprint;
  };
  const Case cases[] = {
      {"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHGJvmW3CbM/0FCdKpbJ+rYcbXbMnBtTN3pPOSYNrnBu lee.ch",
       "SHA256:dl6U2KZ8tnaPFdSn9Wai3u+OsWZrNR+yYzvNtLXN6GY"},
      // A blob whose base64 ends in padding.
      {"ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJ48N8sxi2VPRLhl79lfi6z/rL341Cu8cliPSz9Tj3yP"
       "5urfiFVwIEzaRPq4rxKleEcC5mJUaPxuZYekW6rl61g= ec",
       "SHA256:0tpqFtWcWPYqw936NgysNr30AlTMJuozj3MIbn6+PH8"},
      {"not a key", ""},
      {"ssh-ed25519", ""},
      {"ssh-ed25519 @@@@", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.key);
    CHECK(isms::ssh_fingerprint(c.key) == c.fingerprint);
  }
}
