# locustpp_add_plugin(NAME SOURCES...): builds a locustpp module (.so) from
# C++20 sources. Only the entry function is exported (hidden visibility plus
# a version script), so two modules never collide on internal symbols.
function(locustpp_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE locustpp::sdk)
  target_compile_features(${name} PRIVATE cxx_std_20)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${name}.exports)
  file(WRITE ${script} "{ global: locustpp_module_entry; local: *; };\n")
  target_link_options(${name} PRIVATE "LINKER:--version-script=${script}" "LINKER:--no-undefined")
endfunction()
