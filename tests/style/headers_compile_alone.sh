#!/usr/bin/env bash
# Every header of the project compiles on its own: a translation unit that
# includes only it is valid C++20 and warning-free, so a header never leans on
# what its includer happened to include first.
#
# usage: headers_compile_alone.sh CXX SOURCE_DIR
set -euo pipefail
CXX=$1 ROOT=$2
cd "$ROOT"
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Werror -Ihost -Isdk/include -Idemo_target
  -DBOOST_ASIO_SEPARATE_COMPILATION -DBOOST_BEAST_SEPARATE_COMPILATION -DBOOST_ASIO_NO_DEPRECATED)
mapfile -t headers < <(git ls-files 'host/*.hpp' 'sdk/include/*.hpp' 'sdk/include/*.h' 'demo_target/*.hpp' 2>/dev/null ||
  find host sdk/include demo_target -name '*.hpp' -o -name '*.h')
failed=0
check() {
  local header=$1 include=$1
  case "$header" in
    host/*) include=${header#host/} ;;
    sdk/include/*) include=${header#sdk/include/} ;;
    demo_target/*) include=${header#demo_target/} ;;
  esac
  if ! output=$(printf '#include "%s"\n' "$include" | "$CXX" "${flags[@]}" -x c++ - 2>&1); then
    echo "FAIL: $header does not compile on its own:"
    echo "$output" | head -n 8
    return 1
  fi
}
for header in "${headers[@]}"; do
  check "$header" || failed=$((failed + 1))
done
echo "${#headers[@]} headers checked, $failed failed"
((failed == 0))
