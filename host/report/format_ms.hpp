// Millisecond values for fixed-width console columns: about three significant digits.
#pragma once

#include <string>

namespace locustpp::report {

// ms >= 100 -> no decimals ("1234"), >= 10 -> one ("12.3"), else two ("1.23").
// The choice is made on the rounded text, so 99.96 prints "100" and 9.996 prints "10.0".
std::string format_ms(double ms);

}  // namespace locustpp::report
