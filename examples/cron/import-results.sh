#!/bin/sh
# Quarterly import: records every CSV of results (ISMS-P-005-02 實績) that
# units or monitoring exports dropped in INBOX, then commits them on a branch
# for review. A file recorded goes to INBOX/done/, a refused one to
# INBOX/failed/ with isms-obj's diagnostics next to it (FILE.errors); nothing
# of a refused file is written.
#
#   ISMS_OBJ_STORE=/srv/isms/records import-results.sh /srv/isms/inbox
#
# Exit status: 0 every file recorded (or none waiting), 1 when a file was
# refused.
set -eu
inbox=${1:?usage: import-results.sh INBOX}
store=${ISMS_OBJ_STORE:?set ISMS_OBJ_STORE to the store}
mkdir -p "$inbox/done" "$inbox/failed"
recorded='' refused=''
for csv in "$inbox"/*.csv; do
  [ -e "$csv" ] || continue
  base=$(basename "$csv")
  if isms-obj record-quarter --from "$csv" 2>"$inbox/failed/$base.errors"; then
    rm -f "$inbox/failed/$base.errors"
    mv "$csv" "$inbox/done/$base"
    recorded="$recorded $base"
  else
    cat "$inbox/failed/$base.errors" >&2
    mv "$csv" "$inbox/failed/$base"
    refused="$refused $base"
  fi
done
cd "$store"
if [ -n "$recorded" ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  branch="results-$(date +%Y-%m-%d)"
  git switch -q -c "$branch" 2>/dev/null || git switch -q "$branch"
  git add -- units
  git commit -q -m "Record quarterly results:$recorded"
  if git remote get-url origin >/dev/null 2>&1; then git push -q -u origin "$branch"; fi
fi
echo "recorded:${recorded:- none}"
[ -z "$refused" ] || { echo "refused:$refused (see $inbox/failed/)" >&2; exit 1; }
