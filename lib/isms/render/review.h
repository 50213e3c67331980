// isms-obj review's view of a quarter (form ISMS-P-005-02 as a terminal and
// a script see it), rendered from the judged quarter (rules/referral.h).
#pragma once

#include <string>
#include <vector>

#include "isms/rules/referral.h"

namespace isms {

// In `language`, the period and dates in `calendar` (115年 第3季 in an ROC
// store); people by their names in `config`.
std::string review_text(const std::vector<UnitReview>& views, int year, int quarter, const Config& config,
                        Language language, Calendar calendar);
// isms-obj.review/1, documented in docs/cli.md.
std::string review_json(const std::vector<UnitReview>& views, int year, int quarter);

}  // namespace isms
