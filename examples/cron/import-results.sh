#!/bin/sh
# Quarterly import (ISMS-P-005 §5.5.1): records every CSV of results
# (ISMS-P-005-02 實績) that units or monitoring exports dropped in INBOX, and
# commits them on the branch results-DATE for review (review-branch.sh:
# pushed when the clone has a remote named origin; the clone goes back to its
# branch). A file recorded goes to INBOX/done/, a refused one to
# INBOX/failed/ with isms-obj's diagnostics next to it (FILE.errors); nothing
# of a refused file is written. Running it again is harmless: results
# already recorded with the same values are left as they are.
#
#   ISMS_OBJ_STORE=/srv/isms/records import-results.sh /srv/isms/inbox
#
# Exit status: 0 every file recorded (or none waiting), 1 when a file was
# refused, 3 when the clone is not in a state to work in.
set -eu
inbox=$(cd "${1:?usage: import-results.sh INBOX}" && pwd)
store=${ISMS_OBJ_STORE:?set ISMS_OBJ_STORE to the store}
jobs=$(dirname "$0")
. "$jobs/review-branch.sh"
mkdir -p "$inbox/done" "$inbox/failed"
set -- "$inbox"/*.csv
if [ ! -e "$1" ]; then
  echo "recorded: none"
  exit 0
fi
cd "$store"
branch_begin "results-$(date +%Y-%m-%d)"
recorded='' refused=''
for csv in "$@"; do
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
branch_end "Record quarterly results:$recorded" units
echo "recorded:${recorded:- none}"
[ -z "$refused" ] || { echo "refused:$refused (see $inbox/failed/)" >&2; exit 1; }
