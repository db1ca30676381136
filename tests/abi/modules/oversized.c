/* Must be refused: its descriptor is larger than any the host knows (as a
 * module built for a future ABI minor would make it) and sets one of the
 * fields the host does not know. */
#include <locustpp/locustpp.h>

struct future_descriptor {
  locustpp_module_descriptor known;
  char fields_from_the_future[64];
};

static int32_t register_nothing(const locustpp_host_api* host, const locustpp_registrar* registrar,
                                locustpp_error_buffer error) {
  (void)host; (void)registrar; (void)error;
  return LOCUSTPP_OK;
}

LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) {
  static const struct future_descriptor descriptor = {
      {sizeof(struct future_descriptor), LOCUSTPP_ABI_MAJOR, LOCUSTPP_ABI_MINOR + 1,
       "io.locustpp.tests.abi.oversized", "Oversized", "1.0", "", register_nothing},
      {"uses a future field"}};
  return &descriptor.known;
}
