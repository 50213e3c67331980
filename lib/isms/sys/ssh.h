// Detached signatures made and checked by OpenSSH's ssh-keygen (-Y sign,
// -Y verify; the SSHSIG format), run without a shell. Signing uses the key
// file given, or ssh-agent when it names a public key whose private half the
// agent holds; a passphrase is asked for on the terminal by ssh-keygen.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "isms/base/status.h"

namespace isms {

// The armored signature ("-----BEGIN SSH SIGNATURE-----" …) of `data` under
// namespace `ns`. NotFound when ssh-keygen is not installed; IOError with
// ssh-keygen's own words when it refuses (no such key, wrong passphrase).
Status ssh_sign(const std::filesystem::path& key_file, std::string_view ns, std::string_view data,
                std::string* signature);

// Whether `signature` is a signature of `data` under `ns` by a key that
// `allowed_signers` (the ssh-keygen ALLOWED SIGNERS format) lists for
// `principal`. A bad or foreign signature is *valid = false with
// ssh-keygen's reason in *why; NotFound when ssh-keygen is not installed.
Status ssh_verify(std::string_view allowed_signers, std::string_view principal, std::string_view ns,
                  std::string_view signature, std::string_view data, bool* valid, std::string* why);

}  // namespace isms
