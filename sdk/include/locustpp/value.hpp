// locustpp C++ SDK — structured data that crosses processes: custom
// messages between master and workers, and the keys a worker adds to its
// report. One encoding everywhere: MessagePack (https://msgpack.org), the
// encoding of Locust's own master/worker protocol, so a Python Locust node
// reads what a plugin sends. Header-only, no Boost.
//
//   locustpp::value users = locustpp::value::array();
//   users.push(locustpp::value::map().set("name", "ann").set("id", 7));
//   std::string bytes = locustpp::encode(users);
//   std::optional<locustpp::value> back = locustpp::decode(bytes);   // nullopt when malformed
//   for (const auto& user : back->items()) std::cout << user["name"].text();
//
// A map keeps its keys in insertion order, and keys may be any value
// (Locust's histograms use integer keys). Reading a missing key or the wrong
// kind gives a nil value or 0/""/empty, never an exception.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace locustpp {

class value {
 public:
  enum class kind { nil, boolean, integer, unsigned_integer, floating, string, binary, array, map };
  using array_items = std::vector<value>;
  using map_items = std::vector<std::pair<value, value>>;

  value() = default;
  value(std::nullptr_t) {}
  value(bool flag) : data_(flag) {}
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  value(Integer number) {
    if constexpr (std::is_unsigned_v<Integer>) {
      if (static_cast<std::uint64_t>(number) > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        data_ = big_unsigned{static_cast<std::uint64_t>(number)};
        return;
      }
    }
    data_ = static_cast<std::int64_t>(number);
  }
  value(double number) : data_(number) {}
  value(std::string text) : data_(std::move(text)) {}
  value(std::string_view text) : data_(std::string(text)) {}
  value(const char* text) : data_(std::string(text)) {}

  static value array() { return value(array_items{}); }
  static value map() { return value(map_items{}); }
  static value binary(std::string_view bytes) { return value(binary_bytes{std::string(bytes)}); }

  kind type() const noexcept { return static_cast<kind>(data_.index()); }
  bool is_nil() const noexcept { return type() == kind::nil; }
  bool is_number() const noexcept {
    return type() == kind::integer || type() == kind::unsigned_integer || type() == kind::floating;
  }
  bool is_string() const noexcept { return type() == kind::string; }
  bool is_array() const noexcept { return type() == kind::array; }
  bool is_map() const noexcept { return type() == kind::map; }

  // ---- reading (a wrong kind reads as empty: 0, false, "", no items) ----
  bool flag() const noexcept { return type() == kind::boolean && std::get<bool>(data_); }
  // Integers and floats alike; a float is truncated towards zero (saturating).
  std::int64_t integer() const noexcept {
    switch (type()) {
      case kind::integer:
        return std::get<std::int64_t>(data_);
      case kind::unsigned_integer:
        return std::numeric_limits<std::int64_t>::max();
      case kind::floating: {
        double number = std::get<double>(data_);
        if (!(number == number)) return 0;  // NaN
        if (number >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
        if (number <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
        return static_cast<std::int64_t>(number);
      }
      default:
        return 0;
    }
  }
  std::uint64_t unsigned_integer() const noexcept {
    if (type() == kind::unsigned_integer) return std::get<big_unsigned>(data_).number;
    std::int64_t number = integer();
    return number < 0 ? 0 : static_cast<std::uint64_t>(number);
  }
  double number() const noexcept {
    switch (type()) {
      case kind::integer:
        return static_cast<double>(std::get<std::int64_t>(data_));
      case kind::unsigned_integer:
        return static_cast<double>(std::get<big_unsigned>(data_).number);
      case kind::floating:
        return std::get<double>(data_);
      default:
        return 0;
    }
  }
  // The text of a string, or the bytes of a binary value.
  std::string_view text() const noexcept {
    if (type() == kind::string) return std::get<std::string>(data_);
    if (type() == kind::binary) return std::get<binary_bytes>(data_).bytes;
    return {};
  }
  const array_items& items() const noexcept {
    return type() == kind::array ? std::get<array_items>(data_) : empty_items();
  }
  const map_items& entries() const noexcept {
    return type() == kind::map ? std::get<map_items>(data_) : empty_entries();
  }
  std::size_t size() const noexcept { return is_array() ? items().size() : entries().size(); }
  // The value of a string key of a map (the first one, if repeated), or null.
  const value* find(std::string_view key) const noexcept {
    for (const auto& [name, item] : entries()) {
      if (name.is_string() && name.text() == key) return &item;
    }
    return nullptr;
  }
  // The value of a string key, or nil.
  const value& operator[](std::string_view key) const noexcept {
    const value* found = find(key);
    return found != nullptr ? *found : nil_value();
  }

  // ---- building ----
  // Adds (or replaces) a key of a map; a non-map becomes an empty map first.
  value& set(value key, value item) & {
    map_items& pairs = as_map();
    for (auto& [name, old] : pairs) {
      if (name == key) {
        old = std::move(item);
        return *this;
      }
    }
    pairs.emplace_back(std::move(key), std::move(item));
    return *this;
  }
  value&& set(value key, value item) && { return std::move(set(std::move(key), std::move(item))); }
  // Appends to an array; a non-array becomes an empty array first.
  value& push(value item) & {
    if (!is_array()) data_ = array_items{};
    std::get<array_items>(data_).push_back(std::move(item));
    return *this;
  }
  value&& push(value item) && { return std::move(push(std::move(item))); }
  // The items of an array or the pairs of a map, to change or move out of;
  // a value of another kind becomes an empty one first.
  array_items& as_array() {
    if (!is_array()) data_ = array_items{};
    return std::get<array_items>(data_);
  }
  map_items& as_map() {
    if (!is_map()) data_ = map_items{};
    return std::get<map_items>(data_);
  }

  friend bool operator==(const value& left, const value& right) { return left.data_ == right.data_; }
  friend bool operator!=(const value& left, const value& right) { return !(left == right); }

 private:
  struct big_unsigned {  // only for integers above INT64_MAX
    std::uint64_t number;
    bool operator==(const big_unsigned&) const = default;
  };
  struct binary_bytes {
    std::string bytes;
    bool operator==(const binary_bytes&) const = default;
  };
  explicit value(array_items items) : data_(std::move(items)) {}
  explicit value(map_items pairs) : data_(std::move(pairs)) {}
  explicit value(binary_bytes bytes) : data_(std::move(bytes)) {}

  static const array_items& empty_items() noexcept {
    static const array_items none;
    return none;
  }
  static const map_items& empty_entries() noexcept {
    static const map_items none;
    return none;
  }
  static const value& nil_value() noexcept {
    static const value none;
    return none;
  }

  std::variant<std::monostate, bool, std::int64_t, big_unsigned, double, std::string, binary_bytes, array_items,
               map_items>
      data_;

  friend void encode_into(std::string& out, const value& item);
};

// ---- encoding ---------------------------------------------------------------

namespace detail {
inline void put_big_endian(std::string& out, std::uint64_t number, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>((number >> shift) & 0xff));
}
inline void put_head(std::string& out, std::uint64_t length, unsigned char fix_base, std::uint64_t fix_limit,
                     unsigned char head8, unsigned char head16, unsigned char head32) {
  if (length < fix_limit) {
    out.push_back(static_cast<char>(fix_base | length));
  } else if (head8 != 0 && length <= 0xff) {
    out.push_back(static_cast<char>(head8));
    put_big_endian(out, length, 1);
  } else if (length <= 0xffff) {
    out.push_back(static_cast<char>(head16));
    put_big_endian(out, length, 2);
  } else {
    out.push_back(static_cast<char>(head32));
    put_big_endian(out, length, 4);
  }
}
}  // namespace detail

// Appends the MessagePack form of `item`: the smallest integer form, float64,
// str for strings, bin for binary values.
inline void encode_into(std::string& out, const value& item) {
  using detail::put_big_endian;
  using detail::put_head;
  switch (item.type()) {
    case value::kind::nil:
      out.push_back(static_cast<char>(0xc0));
      break;
    case value::kind::boolean:
      out.push_back(static_cast<char>(item.flag() ? 0xc3 : 0xc2));
      break;
    case value::kind::integer: {
      std::int64_t number = std::get<std::int64_t>(item.data_);
      if (number >= 0) {
        auto positive = static_cast<std::uint64_t>(number);
        if (positive < 128) {
          out.push_back(static_cast<char>(positive));
        } else if (positive <= 0xff) {
          out.push_back(static_cast<char>(0xcc));
          put_big_endian(out, positive, 1);
        } else if (positive <= 0xffff) {
          out.push_back(static_cast<char>(0xcd));
          put_big_endian(out, positive, 2);
        } else if (positive <= 0xffffffffu) {
          out.push_back(static_cast<char>(0xce));
          put_big_endian(out, positive, 4);
        } else {
          out.push_back(static_cast<char>(0xcf));
          put_big_endian(out, positive, 8);
        }
      } else if (number >= -32) {
        out.push_back(static_cast<char>(static_cast<std::uint8_t>(number)));
      } else if (number >= -128) {
        out.push_back(static_cast<char>(0xd0));
        put_big_endian(out, static_cast<std::uint64_t>(number), 1);
      } else if (number >= -32768) {
        out.push_back(static_cast<char>(0xd1));
        put_big_endian(out, static_cast<std::uint64_t>(number), 2);
      } else if (number >= std::numeric_limits<std::int32_t>::min()) {
        out.push_back(static_cast<char>(0xd2));
        put_big_endian(out, static_cast<std::uint64_t>(number), 4);
      } else {
        out.push_back(static_cast<char>(0xd3));
        put_big_endian(out, static_cast<std::uint64_t>(number), 8);
      }
      break;
    }
    case value::kind::unsigned_integer:
      out.push_back(static_cast<char>(0xcf));
      put_big_endian(out, item.unsigned_integer(), 8);
      break;
    case value::kind::floating: {
      double number = item.number();
      std::uint64_t bits = 0;
      std::memcpy(&bits, &number, sizeof bits);
      out.push_back(static_cast<char>(0xcb));
      put_big_endian(out, bits, 8);
      break;
    }
    case value::kind::string:
      put_head(out, item.text().size(), 0xa0, 32, 0xd9, 0xda, 0xdb);
      out.append(item.text());
      break;
    case value::kind::binary:
      put_head(out, item.text().size(), 0, 0, 0xc4, 0xc5, 0xc6);
      out.append(item.text());
      break;
    case value::kind::array:
      put_head(out, item.items().size(), 0x90, 16, 0, 0xdc, 0xdd);
      for (const value& element : item.items()) encode_into(out, element);
      break;
    case value::kind::map:
      put_head(out, item.entries().size(), 0x80, 16, 0, 0xde, 0xdf);
      for (const auto& [key, element] : item.entries()) {
        encode_into(out, key);
        encode_into(out, element);
      }
      break;
  }
}

inline std::string encode(const value& item) {
  std::string out;
  encode_into(out, item);
  return out;
}

// ---- decoding ---------------------------------------------------------------

// Bounds for bytes that come from another process: nothing in them is
// trusted, so no length is believed beyond the bytes actually present,
// nesting is capped (no stack exhaustion), and so is the number of values
// (each takes tens of bytes in memory, even a one-byte nil: without a cap,
// 100 MiB of nils would become gigabytes).
struct decode_limits {
  std::size_t max_depth = 64;
  std::size_t max_values = static_cast<std::size_t>(-1);  // every value counts, keys and containers too
};

namespace detail {
class value_reader {
 public:
  value_reader(std::string_view bytes, decode_limits limits) : bytes_(bytes), limits_(limits) {}

  std::optional<value> read(std::size_t depth) {
    if (depth > limits_.max_depth) return fail("nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    if (++values_ > limits_.max_values) return fail("more than " + std::to_string(limits_.max_values) + " values");
    std::uint64_t head = 0;
    if (!take(1, head)) return std::nullopt;
    if (head <= 0x7f) return value(static_cast<std::int64_t>(head));
    if (head >= 0xe0) return value(static_cast<std::int64_t>(static_cast<std::int8_t>(head)));
    if ((head & 0xf0) == 0x80) return read_map(head & 0x0f, depth);
    if ((head & 0xf0) == 0x90) return read_array(head & 0x0f, depth);
    if ((head & 0xe0) == 0xa0) return read_text(head & 0x1f, false);
    switch (head) {
      case 0xc0:
        return value();
      case 0xc2:
        return value(false);
      case 0xc3:
        return value(true);
      case 0xc4:
      case 0xc5:
      case 0xc6:
        return read_sized_text(1u << (head - 0xc4), true);
      case 0xca: {
        std::uint64_t bits = 0;
        if (!take(4, bits)) return std::nullopt;
        auto narrow = static_cast<std::uint32_t>(bits);
        float number = 0;
        std::memcpy(&number, &narrow, sizeof number);
        return value(static_cast<double>(number));
      }
      case 0xcb: {
        std::uint64_t bits = 0;
        if (!take(8, bits)) return std::nullopt;
        double number = 0;
        std::memcpy(&number, &bits, sizeof number);
        return value(number);
      }
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf: {
        std::uint64_t number = 0;
        if (!take(std::size_t{1} << (head - 0xcc), number)) return std::nullopt;
        return value(number);
      }
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3: {
        std::size_t width = std::size_t{1} << (head - 0xd0);
        std::uint64_t bits = 0;
        if (!take(width, bits)) return std::nullopt;
        if (width < 8 && (bits >> (width * 8 - 1)) != 0) bits |= ~std::uint64_t{0} << (width * 8);  // sign-extend
        return value(static_cast<std::int64_t>(bits));
      }
      case 0xd9:
      case 0xda:
      case 0xdb:
        return read_sized_text(std::size_t{1} << (head - 0xd9), false);
      case 0xdc:
      case 0xdd: {
        std::uint64_t count = 0;
        if (!take(head == 0xdc ? 2 : 4, count)) return std::nullopt;
        return read_array(count, depth);
      }
      case 0xde:
      case 0xdf: {
        std::uint64_t count = 0;
        if (!take(head == 0xde ? 2 : 4, count)) return std::nullopt;
        return read_map(count, depth);
      }
      default:
        return fail("unsupported MessagePack type 0x" + hex(head) + " (ext types are not used)");
    }
  }

  bool at_end() const noexcept { return position_ == bytes_.size(); }
  std::size_t position() const noexcept { return position_; }
  std::string error;

  std::nullopt_t fail(std::string why) {
    if (error.empty()) error = std::move(why) + " at byte " + std::to_string(position_);
    return std::nullopt;
  }

 private:
  static std::string hex(std::uint64_t byte) {
    const char digits[] = "0123456789abcdef";
    return {digits[(byte >> 4) & 0xf], digits[byte & 0xf]};
  }

  bool take(std::size_t width, std::uint64_t& number) {
    if (bytes_.size() - position_ < width) {
      fail("truncated: " + std::to_string(width) + " more bytes expected");
      return false;
    }
    number = 0;
    for (std::size_t i = 0; i < width; ++i) number = (number << 8) | static_cast<unsigned char>(bytes_[position_++]);
    return true;
  }

  std::optional<value> read_sized_text(std::size_t width, bool binary) {
    std::uint64_t length = 0;
    if (!take(width, length)) return std::nullopt;
    return read_text(length, binary);
  }

  std::optional<value> read_text(std::uint64_t length, bool binary) {
    if (bytes_.size() - position_ < length) {
      return fail("truncated: a " + std::string(binary ? "binary" : "string") + " of " + std::to_string(length) +
                  " bytes");
    }
    std::string_view text = bytes_.substr(position_, length);
    position_ += length;
    return binary ? value::binary(text) : value(text);
  }

  // A count is believed only as far as the remaining bytes could hold it
  // (every element takes at least one byte) and the value budget allows.
  bool plausible(std::uint64_t elements) {
    if (elements > limits_.max_values - std::min(values_, limits_.max_values)) {
      fail("a count of " + std::to_string(elements) + " elements: more than " + std::to_string(limits_.max_values) +
           " values");
      return false;
    }
    if (elements <= bytes_.size() - position_) return true;
    fail("a count of " + std::to_string(elements) + " elements with only " + std::to_string(bytes_.size() - position_) +
         " bytes left");
    return false;
  }

  std::optional<value> read_array(std::uint64_t count, std::size_t depth) {
    if (!plausible(count)) return std::nullopt;
    value items = value::array();
    for (std::uint64_t i = 0; i < count; ++i) {
      std::optional<value> element = read(depth + 1);
      if (!element) return std::nullopt;
      items.push(std::move(*element));
    }
    return items;
  }

  std::optional<value> read_map(std::uint64_t count, std::size_t depth) {
    if (!plausible(count * 2)) return std::nullopt;
    value pairs = value::map();
    value::map_items& entries = pairs.as_map();
    // Reserved only up to a small size: the pairs have to arrive before they take memory.
    entries.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, 1024)));
    for (std::uint64_t i = 0; i < count; ++i) {
      std::optional<value> key = read(depth + 1);
      if (!key) return std::nullopt;
      std::optional<value> element = read(depth + 1);
      if (!element) return std::nullopt;
      entries.emplace_back(std::move(*key), std::move(*element));  // repeated keys kept as sent
    }
    return pairs;
  }

  std::string_view bytes_;
  decode_limits limits_;
  std::size_t position_ = 0;
  std::size_t values_ = 0;  // read so far
};
}  // namespace detail

// The value encoded in `bytes`, which must hold exactly one MessagePack
// value; nullopt when they do not, with the reason in *error when given.
inline std::optional<value> decode(std::string_view bytes, std::string* error = nullptr, decode_limits limits = {}) {
  detail::value_reader reader(bytes, limits);
  std::optional<value> result = reader.read(0);
  if (result && !reader.at_end()) {
    result.reset();
    reader.fail(std::to_string(bytes.size() - reader.position()) + " bytes after the value");
  }
  if (!result && error != nullptr) *error = reader.error;
  return result;
}

}  // namespace locustpp
