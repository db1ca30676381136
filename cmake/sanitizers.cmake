# -DLOCUSTPP_SANITIZE=ON builds every target (host, plugins, tests) with
# AddressSanitizer and UndefinedBehaviorSanitizer; any report aborts the test.
if(LOCUSTPP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
