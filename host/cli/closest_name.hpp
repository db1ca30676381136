// locustpp command line: "Did you mean ...?" suggestions for misspelt names.
//
// Used for unknown command-line options and unknown config-file keys, and
// reusable by anything else that matches a user-typed name against a known
// set (user classes, plugin ids, ...).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::cli {

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// swaps of two adjacent characters each cost 1 (so "hots" is 1 away from
// "host"). Case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `typed`, or nothing when no candidate is close
// enough to be a plausible typo: at most a third of the longer name may
// differ (and at least one edit is always allowed). Ties go to the candidate
// listed first. An exact match is returned as is.
std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace locustpp::cli
