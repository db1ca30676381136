/* Must be refused: exports no locustpp_module_entry. */
#include <locustpp/locustpp.h>

LOCUSTPP_EXPORT int some_other_function(void) { return 42; }
