// isms-obj codeowners' file (views/codeowners.h has the rules).
#pragma once

#include <string>

#include "isms/views/codeowners.h"

namespace isms {

// The file's text: a header saying how it was made, then one rule per line.
std::string render_codeowners(const Codeowners& c, const Date& today);

}  // namespace isms
