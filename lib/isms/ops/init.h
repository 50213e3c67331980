// Creating a new, empty store.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "isms/base/status.h"
#include "isms/sys/env.h"
#include "isms/store/model.h"

namespace isms {

struct InitOptions {
  std::string organisation = "Organisation";  // 機關名稱
  Language language = Language::ZhTW;
  Calendar calendar = Calendar::Roc;
  int first_year = 0;  // policy.first_year: the year the store begins (0: not written)
};

// Creates `dir` (and parents) holding a commented isms-obj.yaml skeleton
// with a schema modeline, a .gitignore for working files and a copy of the
// JSON Schemas under .isms-obj/schemas/ for editors. Refuses with Conflict
// when `dir` already holds isms-obj.yaml; never replaces an existing file
// (an existing .gitignore is left as it is). `written` receives the
// store-relative paths created.
Status init_store(Env& env, const std::filesystem::path& dir, const InitOptions& options, std::vector<std::string>* written);

// The configuration skeleton init writes (exposed for tests).
std::string config_skeleton(const InitOptions& options);

}  // namespace isms
