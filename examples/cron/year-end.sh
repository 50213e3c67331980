#!/bin/sh
# Year-end collection (ISMS-P-005 §5.2): drafts next year's objective setting
# table (ISMS-P-005-01) for every unit that has none yet, carried forward from
# this year's with last year's actuals filled in from its results, and
# commits the drafts on the branch year-end-NEXT for the units to complete
# and review (review-branch.sh: pushed when the clone has a remote named
# origin; the clone goes back to its branch).
#
#   ISMS_OBJ_STORE=/srv/isms/records year-end.sh
#
# Run it in a clone kept for cron jobs, not in anyone's working copy. Exit
# status: 0 all drafted (or nothing to do), 1 when a unit could not be
# drafted (no table this year: a new unit sets its objectives with
# `isms-obj set`), 3 when the clone is not in a state to work in.
set -eu
store=${ISMS_OBJ_STORE:?set ISMS_OBJ_STORE to the store}
jobs=$(dirname "$0")
. "$jobs/review-branch.sh"
cd "$store"
year=$(date +%Y)
next=$((year + 1))
branch_begin "year-end-$next"
drafted='' failed=''
for unit in $(isms-obj completion units); do
  [ -e "units/$unit/$next/setting.yaml" ] && continue
  if isms-obj set --year "$next" --unit "$unit" --from-year "$year"; then
    drafted="$drafted $unit"
  else
    failed="$failed $unit"
  fi
done
branch_end "Draft $next objective setting tables from $year (ISMS-P-005 §5.2):$drafted" units
echo "drafted:${drafted:- none}"
if [ -n "$failed" ]; then
  echo "not drafted (no $year table):$failed" >&2
  exit 1
fi
