// Every label a human output shows, in zh-TW and English: one table, so a
// form, a report and a view name the same thing the same way.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/rules/forecast.h"
#include "isms/rules/revision.h"
#include "isms/store/model.h"

namespace isms {

class Labels {
 public:
  explicit Labels(Language language) : zh_(language == Language::ZhTW) {}
  // The label for `key` in this language; the key itself when unknown.
  std::string operator()(std::string_view key) const;
  bool zh() const { return zh_; }

 private:
  bool zh_;
};

// What a forecast says it takes, worded in the labels' language: "at least
// 86.4 % in Q4 (at the volume so far)" / "依目前量，第4季至少需86.4%".
// Empty when the forecast has nothing to add.
std::string forecast_need(const Forecast& f, const Labels& t);

// A date in prose, in `calendar` and the labels' language: 民國115年12月15日 /
// 2026年12月15日 / 115.12.15 (ROC) / 2026-12-15.
std::string date_text(const Date& d, Calendar calendar, const Labels& t);
// A date in a table column: 115.12.15 (ROC) / 2026-12-15.
std::string date_column(const Date& d, Calendar calendar);

// Items as a list in the labels' language: a、b / a, b.
std::string list_text(const std::vector<std::string>& items, const Labels& t);

// A quarter as a period: 第2季 / Q2; a list of them: 第2季、第3季 / Q2, Q3.
std::string quarter_name(int quarter, const Labels& t);
std::string quarter_names(const std::vector<int>& quarters, const Labels& t);

// A year as periods name it: 114 (ROC, zh-TW), ROC 114 (ROC, en), 2025.
std::string year_number(int year, Calendar calendar, const Labels& t);

// One change between revisions as a line: "資安事件處理 — 目標值：>= 90 → >= 95",
// "新增目標：…", "編訂者：… → …". `name` gives what the reader sees for a
// recorded person id (fields owner, compiled_by, supervisor) or
// department (field department); other values are shown as recorded.
using NameOf = std::function<std::string(const std::string& field, const std::string& value)>;
std::string change_text(const RevisionChange& c, const NameOf& name, const Labels& t);

}  // namespace isms
