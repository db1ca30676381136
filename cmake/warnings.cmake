# Project-wide warnings: the code base stays warning-free with -Wall -Wextra.
add_library(lpp_warnings INTERFACE)
target_compile_options(lpp_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    # GCC 12 reports std::string concatenations as overlapping memcpy at -O2+
    # (GCC bug 105329, a false positive).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>>
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>)
