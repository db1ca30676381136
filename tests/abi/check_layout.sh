#!/usr/bin/env bash
# The ABI layout test. Arguments: the layout probe built against the frozen
# headers, the same probe built against the live SDK headers, and the record
# (frozen/layout_1_0.txt). Fails when
#  - the frozen headers no longer print the record (someone edited them), or
#  - a released field moved or changed size in the live headers, or a
#    released struct shrank (appending fields, growing a struct, is fine).
set -euo pipefail
frozen_probe=$1 live_probe=$2 record=$3

if ! diff -u "$record" <("$frozen_probe"); then
  echo "FAIL: the frozen headers do not match $record: frozen headers must never change" >&2
  exit 1
fi
"$live_probe" | awk -v record="$record" '
  FNR == NR { live[$1] = $0; live_size[$1] = $2; next }
  NF == 3 {  # struct.field offset size
    if (live[$1] != $0) { printf "FAIL: released field %s moved or resized: was \"%s\", now \"%s\"\n", $1, $0, live[$1]; bad = 1 }
    next
  }
  NF == 2 {  # struct size
    if (!($1 in live_size) || live_size[$1] + 0 < $2 + 0) { printf "FAIL: released struct %s shrank: %s bytes, now %s\n", $1, $2, live_size[$1]; bad = 1 }
  }
  END { if (bad) exit 1; print "layout: every released struct and field of ABI 1.0 is where it was" }
' - "$record"
