/* Must be refused when loaded after good.so: it reuses good's id. */
#include <locustpp/locustpp.h>

static int32_t register_nothing(const locustpp_host_api* host, const locustpp_registrar* registrar,
                                locustpp_error_buffer error) {
  (void)host; (void)registrar; (void)error;
  return LOCUSTPP_OK;
}

LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) {
  static const locustpp_module_descriptor descriptor = {sizeof(locustpp_module_descriptor), LOCUSTPP_ABI_MAJOR,
      LOCUSTPP_ABI_MINOR, "io.locustpp.tests.abi.good", "Impostor", "1.0", "", register_nothing};
  return &descriptor;
}
