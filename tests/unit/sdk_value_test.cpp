// locustpp::value: the MessagePack encoding that crosses processes and the
// ABI. Checked against bytes made by Python's msgpack (what a Locust master
// sends and reads), and against bytes that lie about their sizes.
#include <gtest/gtest.h>

#include <locustpp/value.hpp>

namespace {

using locustpp::value;

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return bytes;
}

// msgpack.packb(['stats', {'a': 1, 100: 2, 'f': 1.5, 'n': None,
//   'l': [True, False, -1, -200, 70000, 2**40], 's': 'x'*40}, 'node_1'], use_bin_type=True)
constexpr std::string_view python_bytes =
    "93a5737461747386a161016402a166cb3ff8000000000000a16ec0a16c96c3c2ffd1ff38ce00011170cf0000010000000000a173d928"
    "78787878787878787878787878787878787878787878787878787878787878787878787878787878a66e6f64655f31";

TEST(SdkValue, ReadsWhatPythonMsgpackWrites) {
  std::optional<value> read = locustpp::decode(from_hex(python_bytes));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 3u);
  EXPECT_EQ(read->items()[0].text(), "stats");
  const value& data = read->items()[1];
  EXPECT_EQ(data["a"].integer(), 1);
  EXPECT_EQ(data["f"].number(), 1.5);
  EXPECT_TRUE(data["n"].is_nil());
  EXPECT_EQ(data["s"].text(), std::string(40, 'x'));
  const auto& list = data["l"].items();
  ASSERT_EQ(list.size(), 6u);
  EXPECT_TRUE(list[0].flag());
  EXPECT_FALSE(list[1].flag());
  EXPECT_EQ(list[2].integer(), -1);
  EXPECT_EQ(list[3].integer(), -200);
  EXPECT_EQ(list[4].integer(), 70000);
  EXPECT_EQ(list[5].integer(), std::int64_t{1} << 40);
  // An integer key, as in Locust's histograms.
  bool found = false;
  for (const auto& [key, item] : data.entries()) found |= key == value(100) && item.integer() == 2;
  EXPECT_TRUE(found);
  EXPECT_EQ(read->items()[2].text(), "node_1");
}

TEST(SdkValue, WritesTheSameBytesAsPythonMsgpack) {
  std::optional<value> read = locustpp::decode(from_hex(python_bytes));
  ASSERT_TRUE(read);
  EXPECT_EQ(locustpp::encode(*read), from_hex(python_bytes));
}

TEST(SdkValue, RoundTripsEveryKind) {
  value all = value::map()
                  .set("nil", nullptr)
                  .set("yes", true)
                  .set("small", -5)
                  .set("big", std::uint64_t{18'000'000'000'000'000'000u})
                  .set("min", std::numeric_limits<std::int64_t>::min())
                  .set("pi", 3.25)
                  .set("text", std::string(70'000, 'y'))
                  .set("bytes", value::binary(std::string("\0\1\2", 3)))
                  .set(7, value::array().push(1).push("two").push(value::map().set("three", 3)));
  std::optional<value> back = locustpp::decode(locustpp::encode(all));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, all);
  EXPECT_EQ((*back)["big"].unsigned_integer(), 18'000'000'000'000'000'000u);
  EXPECT_EQ((*back)["bytes"].text(), std::string_view("\0\1\2", 3));
}

TEST(SdkValue, WrongKindsReadAsEmpty) {
  value text("words");
  EXPECT_EQ(text.integer(), 0);
  EXPECT_TRUE(text["key"].is_nil());
  EXPECT_TRUE(text.items().empty());
  EXPECT_EQ(value(2.9).integer(), 2);
  EXPECT_EQ(value(-3).unsigned_integer(), 0u);
}

TEST(SdkValue, RefusesBytesThatLieAboutTheirSize) {
  std::string problem;
  // A map claiming 2^32-1 entries in 5 bytes: refused without reserving memory for them.
  EXPECT_FALSE(locustpp::decode(from_hex("dfffffffff"), &problem));
  EXPECT_NE(problem.find("elements"), std::string::npos) << problem;
  // A string of 200 bytes with 3 present.
  EXPECT_FALSE(locustpp::decode(from_hex("d9c8616263"), &problem));
  EXPECT_NE(problem.find("truncated"), std::string::npos) << problem;
  // Trailing bytes after one value.
  EXPECT_FALSE(locustpp::decode(from_hex("0101"), &problem));
  EXPECT_NE(problem.find("after the value"), std::string::npos) << problem;
  // Ext types are not part of the protocol.
  EXPECT_FALSE(locustpp::decode(from_hex("d40100"), &problem));
  EXPECT_NE(problem.find("0xd4"), std::string::npos) << problem;
  EXPECT_FALSE(locustpp::decode("", &problem));
}

TEST(SdkValue, RefusesNestingDeeperThanTheLimit) {
  std::string deep(100, static_cast<char>(0x91));  // [[[[...]]]]
  deep.push_back(static_cast<char>(0xc0));
  std::string problem;
  EXPECT_FALSE(locustpp::decode(deep, &problem));
  EXPECT_NE(problem.find("nested"), std::string::npos) << problem;
  EXPECT_TRUE(locustpp::decode(deep, &problem, locustpp::decode_limits{200}));
}

TEST(SdkValue, RefusesMoreValuesThanTheBudgetBeforeTakingTheirMemory) {
  // An array of a million nils: a megabyte on the wire, tens of megabytes decoded.
  std::string nils = from_hex("dd000f4240") + std::string(1'000'000, static_cast<char>(0xc0));
  std::string problem;
  EXPECT_TRUE(locustpp::decode(nils, &problem));
  EXPECT_FALSE(locustpp::decode(nils, &problem, locustpp::decode_limits{64, 1000}));
  EXPECT_NE(problem.find("more than 1000 values"), std::string::npos) << problem;
  // Refused at the count, before a single element is read.
  EXPECT_NE(problem.find("at byte 5"), std::string::npos) << problem;
  // Nested values count too: [[nil] x 600] is 1,201 values.
  std::string nested = from_hex("dc0258");
  for (int i = 0; i < 600; ++i) nested += from_hex("91c0");
  EXPECT_FALSE(locustpp::decode(nested, &problem, locustpp::decode_limits{64, 1000}));
  EXPECT_TRUE(locustpp::decode(nested, &problem, locustpp::decode_limits{64, 1201}));
}

TEST(SdkValue, AMapThatClaimsMillionsOfPairsReservesNothingForThem) {
  // df: map32 with 0x7fffffff pairs, then 8 bytes: refused as implausible.
  std::string problem;
  EXPECT_FALSE(locustpp::decode(from_hex("df7fffffff") + std::string(8, static_cast<char>(0xc0)), &problem));
  EXPECT_NE(problem.find("bytes left"), std::string::npos) << problem;
}

}  // namespace
