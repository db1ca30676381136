// Owning multi-string map keys with allocation-free lookup by string_view tuples.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace locustpp::stats {

// A lookup key made of N borrowed strings, e.g. {name, method}.
template <std::size_t N>
using key_views = std::array<std::string_view, N>;

// The owning counterpart stored in maps.
template <std::size_t N>
struct composite_key {
  std::array<std::string, N> parts;

  explicit composite_key(const key_views<N>& views) {
    for (std::size_t i = 0; i < N; ++i) parts[i].assign(views[i]);
  }
  key_views<N> views() const noexcept {
    key_views<N> result;
    for (std::size_t i = 0; i < N; ++i) result[i] = parts[i];
    return result;
  }
};

// Transparent hash/equality/ordering: a map using them can be searched with key_views,
// so looking up an existing entry builds no std::string.
struct composite_key_hash {
  using is_transparent = void;

  template <std::size_t N>
  std::size_t operator()(const key_views<N>& views) const noexcept {
    std::size_t hash = 0;
    for (const std::string_view part : views) {
      // boost::hash_combine's mixing step, written out (no Boost here)
      hash ^= std::hash<std::string_view>{}(part) + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    }
    return hash;
  }
  template <std::size_t N>
  std::size_t operator()(const composite_key<N>& key) const noexcept {
    return (*this)(key.views());
  }
};

struct composite_key_equal {
  using is_transparent = void;

  template <std::size_t N>
  static key_views<N> as_views(const key_views<N>& views) noexcept { return views; }
  template <std::size_t N>
  static key_views<N> as_views(const composite_key<N>& key) noexcept { return key.views(); }

  template <class A, class B>
  bool operator()(const A& left, const B& right) const noexcept {
    return as_views(left) == as_views(right);
  }
};

// Lexicographic by part: a std::map keyed {name, method} iterates in Locust's sorted order.
struct composite_key_less {
  using is_transparent = void;

  template <class A, class B>
  bool operator()(const A& left, const B& right) const noexcept {
    return composite_key_equal::as_views(left) < composite_key_equal::as_views(right);
  }
};

// Transparent hash for single-string keys (std::unordered_map<std::string, T, string_hash, std::equal_to<>>).
struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

}  // namespace locustpp::stats
