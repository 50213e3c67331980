#!/bin/sh
# Chat alert: when something is late, posts a message to a chat webhook.
# The message's "text" (which Slack, Mattermost and Rocket.Chat incoming
# webhooks show) lists what is late; "status" carries isms-obj's status JSON
# (isms-obj.status/1, docs/cli.md) for bots. Nothing is posted when nothing
# is late.
#
#   ISMS_OBJ_STORE=/srv/isms/records status-chat.sh https://chat.example.edu/hooks/isms
#
# Exit status: 0 nothing late, or the message posted; 1 the post failed;
# isms-obj's own status (2 or 3) when `isms-obj status` failed, with nothing
# posted. Needs jq and curl.
set -u
url=${1:?usage: status-chat.sh WEBHOOK-URL}
for tool in jq curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "status-chat.sh: $tool is needed" >&2; exit 3; }
done
json=$(isms-obj status --format json)
rc=$?
case $rc in
  0) exit 0 ;;
  1) ;;
  *) echo "status-chat.sh: isms-obj status failed (exit $rc); nothing posted" >&2; exit "$rc" ;;
esac
message=$(printf '%s\n' "$json" | jq '{
  text: ("ISMS objectives (ISMS-P-005), \(.today): \(.late) late, \(.due) due\n"
         + ([.items[] | select(.state == "late") | "• \(.path): \(.message) (due \(.due))"] | join("\n"))),
  status: .}') || { echo "status-chat.sh: cannot read isms-obj status's JSON" >&2; exit 3; }
printf '%s\n' "$message" | curl -fsS -H 'Content-Type: application/json' --data-binary @- "$url" >/dev/null || {
  echo "status-chat.sh: posting to $url failed" >&2
  exit 1
}
