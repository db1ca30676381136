/* Must be refused: built for ABI major 99. */
#include <locustpp/locustpp.h>

static int32_t register_nothing(const locustpp_host_api* host, const locustpp_registrar* registrar,
                                locustpp_error_buffer error) {
  (void)host; (void)registrar; (void)error;
  return LOCUSTPP_OK;
}

LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) {
  static const locustpp_module_descriptor descriptor = {sizeof(locustpp_module_descriptor), 99, 0,
      "io.locustpp.tests.abi.wrong_major", "Wrong major", "1.0", "", register_nothing};
  return &descriptor;
}
