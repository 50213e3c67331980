// Plain-text tables for terminals: columns aligned by display width, so
// Traditional Chinese (two columns a character) lines up with ASCII.
#pragma once

#include <string>
#include <vector>

namespace isms {

enum class Align { Left, Right };

// Rows of cells (the first may be a header) as lines joined by "\n", each
// ending in "\n", columns separated by two spaces, no trailing spaces.
// Missing alignments default to Left.
std::string format_table(const std::vector<std::vector<std::string>>& rows, const std::vector<Align>& align = {});

}  // namespace isms
