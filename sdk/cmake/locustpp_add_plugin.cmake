# locustpp_add_plugin(NAME SOURCES...): builds a locustpp module (.so) from
# C++20 sources.
#  - Only the entry function is exported (hidden visibility plus a version
#    script), so two modules never collide on internal symbols.
#  - Common plugin mistakes fail the build: a request, sleep or task that is
#    not co_awaited (-Werror=unused-result: they are [[nodiscard]]) and a
#    function that can end without returning its value (-Werror=return-type).
#  - With libc++ (clang++ -stdlib=libc++), the C++ runtime (libc++ and
#    libc++abi) is linked statically into the module, its symbols hidden:
#    the host runs on libstdc++, and the two runtimes must never meet (an
#    exception thrown by one and caught by the other is "unknown", and their
#    heaps are not each other's). With libstdc++ the module shares the host's
#    runtime, as the host is built with it.
include_guard(GLOBAL)
include(CheckCXXSourceCompiles)

check_cxx_source_compiles("
#include <ciso646>
#ifndef _LIBCPP_VERSION
#error libstdc++
#endif
int main() { return 0; }" LOCUSTPP_PLUGIN_USES_LIBCXX)

if(LOCUSTPP_PLUGIN_USES_LIBCXX)
  foreach(archive libc++.a libc++abi.a)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} ${CMAKE_CXX_FLAGS} -print-file-name=${archive}
                    OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT EXISTS "${path}")
      message(FATAL_ERROR "locustpp_add_plugin: libc++ modules link ${archive} statically, and "
                          "${CMAKE_CXX_COMPILER} does not have it (Debian: libc++-dev and libc++abi-dev)")
    endif()
    list(APPEND LOCUSTPP_PLUGIN_STATIC_RUNTIME "${path}")
  endforeach()
endif()

function(locustpp_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE locustpp::sdk)
  target_compile_features(${name} PRIVATE cxx_std_20)
  target_compile_options(${name} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Werror=unused-result -Werror=return-type>)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${name}.exports)
  file(WRITE ${script} "{ global: locustpp_module_entry; local: *; };\n")
  target_link_options(${name} PRIVATE "LINKER:--version-script=${script}" "LINKER:--no-undefined")
  if(LOCUSTPP_PLUGIN_USES_LIBCXX)
    target_link_options(${name} PRIVATE -nostdlib++ "LINKER:--exclude-libs,ALL")
    target_link_libraries(${name} PRIVATE ${LOCUSTPP_PLUGIN_STATIC_RUNTIME})
  endif()
endfunction()
