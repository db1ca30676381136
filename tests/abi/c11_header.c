/* The C ABI compiles as strict C11 (checked with -Werror). */
#include <locustpp/locustpp.h>

int main(void) {
  locustpp_module_descriptor descriptor = {0};
  descriptor.struct_size = sizeof(descriptor);
  return (int)(descriptor.abi_major + LOCUSTPP_ABI_MAJOR - 1);
}
