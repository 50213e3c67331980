// Every label a human output shows, in zh-TW and English: one table, so a
// form, a report and a view name the same thing the same way.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace isms
