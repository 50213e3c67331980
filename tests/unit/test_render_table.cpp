#include <doctest/doctest.h>

#include <string_view>

#include "isms/base/date.h"
#include "isms/base/decimal.h"
#include "isms/base/text.h"
#include "isms/render/table.h"
#include "support.h"

using isms::Date;
using isms::Decimal;
using namespace test;

TEST_CASE("tables align Traditional Chinese by display width") {
  const std::string t = isms::format_table({{"目標項目", "目標值", "狀態"},
                                            {"資安教育訓練完成率", ">= 95", "達成"},
                                            {"patch rate", ">= 90", "not met"}},
                                           {isms::Align::Left, isms::Align::Right, isms::Align::Left});
  CHECK(t ==
        "目標項目            目標值  狀態\n"
        "資安教育訓練完成率   >= 95  達成\n"
        "patch rate           >= 90  not met\n");
  // every line's columns start at the same display column
  std::size_t start = 0;
  std::vector<int> second_column;
  while (start < t.size()) {
    const auto end = t.find('\n', start);
    const std::string line = t.substr(start, end - start);
    second_column.push_back(isms::display_width(line.substr(0, line.find(">=") == std::string::npos ? line.find("目標值") : line.find(">="))));
    start = end + 1;
  }
  CHECK(second_column[1] == second_column[2]);
}
