#!/bin/sh
# Year-end collection (ISMS-P-005 §5.2): drafts next year's objective setting
# table (ISMS-P-005-01) for every unit that has none yet, carried forward from
# this year's with last year's actuals filled in from its results, and
# commits the drafts on a branch for the units to complete and review.
#
#   ISMS_OBJ_STORE=/srv/isms/records year-end.sh
#
# Run it in a clone kept for cron jobs, not in anyone's working copy. It
# pushes the branch when the clone has a remote named origin. Exit status:
# 0 all drafted (or nothing to do), 1 when a unit could not be drafted (no
# table this year: a new unit sets its objectives with `isms-obj set`).
set -eu
store=${ISMS_OBJ_STORE:?set ISMS_OBJ_STORE to the store}
cd "$store"
year=$(date +%Y)
next=$((year + 1))
drafted='' failed=''
for unit in $(isms-obj completion units); do
  [ -e "units/$unit/$next/setting.yaml" ] && continue
  if isms-obj set --year "$next" --unit "$unit" --from-year "$year"; then
    drafted="$drafted $unit"
  else
    failed="$failed $unit"
  fi
done
if [ -n "$drafted" ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git switch -q -c "year-end-$next" 2>/dev/null || git switch -q "year-end-$next"
  git add -- units
  git commit -q -m "Draft $next objective setting tables from $year (ISMS-P-005 §5.2):$drafted"
  if git remote get-url origin >/dev/null 2>&1; then git push -q -u origin "year-end-$next"; fi
fi
echo "drafted:${drafted:- none}"
if [ -n "$failed" ]; then
  echo "not drafted (no $year table):$failed" >&2
  exit 1
fi
