#!/bin/sh
# Regenerates po/isms-obj.pot from the sources and merges it into each
# language's catalog (new messages arrive untranslated, or fuzzy when near
# an old one). Run from anywhere after changing messages; tests/po_test.py
# fails until every message has its translation.
#
#   sh po/update.sh           update po/isms-obj.pot and po/*.po
#   sh po/update.sh OUT.pot   only extract the messages into OUT.pot
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
pot=${1:-$repo/po/isms-obj.pot}
cd "$repo"
# Messages: tr/trf, and the literal messages the sinks translate
# (Diagnostics::report, Status, refusals and row errors).
xgettext --from-code=UTF-8 --language=C++ --no-wrap --sort-by-file --package-name=isms-obj \
  -k -ktr -ktrf -kreport:4 -kreport:5 -kfatal:3 -kfatal:4 -kinvalid_argument:1 -knot_found:1 -kconflict:1 -kio_error:1 -krefuse:1 -krow_error:3 \
  -o "$pot" $(git ls-files 'lib/isms/*.cpp' 'cli/*.cpp' | grep -v -e '^lib/isms/render/' -e 'store/emit.cpp' -e 'store/columns.cpp') \
  lib/isms/render/validate.cpp lib/isms/render/xlsx.cpp
# The creation date would make every run a change.
sed -i '/^"POT-Creation-Date:/d' "$pot"
[ $# -gt 0 ] && exit 0
for po in po/*.po; do
  msgmerge --quiet --update --no-wrap --backup=none "$po" "$pot"
done
