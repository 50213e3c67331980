#include "isms/render/table.h"

#include <algorithm>

#include "isms/base/text.h"

namespace isms {

std::string format_table(const std::vector<std::vector<std::string>>& rows, const std::vector<Align>& align) {
  std::vector<int> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], display_width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) line += "  ";
      const bool right = i < align.size() && align[i] == Align::Right;
      line += right ? pad_left(row[i], width[i]) : pad_right(row[i], width[i]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace isms
