# -DLOCUSTPP_SANITIZE=ON (or address) builds every target (host, plugins,
# tests) with AddressSanitizer and UndefinedBehaviorSanitizer;
# -DLOCUSTPP_SANITIZE=thread with ThreadSanitizer. Any report aborts the test.
if(LOCUSTPP_SANITIZE STREQUAL "thread")
  # -Wno-tsan: GCC warns about every fence in Asio; TSan still checks the code around them.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -Wno-tsan)
  add_link_options(-fsanitize=thread)
elseif(LOCUSTPP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
