// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Email normalization: real-world cells from CRM exports (display names, mailto:, provider
// aliases, role and placeholder mailboxes), and the idempotence property.
#include "engine/normalize/email.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/utf8.h"
#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

struct EmailCase {
  std::string_view raw;
  std::string_view normalized;
  std::string_view canonical;
  bool valid;
  bool role;
  bool placeholder;
  bool free_provider;
};

constexpr EmailCase kCases[] = {
    // raw, normalized, canonical, valid, role, placeholder, free
    {"J.Lefevre+shop@GMail.com", "j.lefevre+shop@gmail.com", "jlefevre@gmail.com", true, false,
     false, true},
    {"jlefevre@gmail.com", "jlefevre@gmail.com", "jlefevre@gmail.com", true, false, false, true},
    {"  j.lefevre@googlemail.com ", "j.lefevre@googlemail.com", "jlefevre@gmail.com", true, false,
     false, true},
    {"Maria Sentosa<msentosa@fmail.com>", "msentosa@fmail.com", "msentosa@fmail.com", true, false,
     false, false},
    {"\"Jay Jones\" <jjones@fmail.com>", "jjones@fmail.com", "jjones@fmail.com", true, false, false,
     false},
    {"mailto:Bob@Example.co.uk", "bob@example.co.uk", "bob@example.co.uk", true, false, false,
     false},
    {"<bsmith@work.com>", "bsmith@work.com", "bsmith@work.com", true, false, false, false},
    {"'kusha123@hmail.com'", "kusha123@hmail.com", "kusha123@hmail.com", true, false, false, false},
    {"anna.b+news@outlook.com", "anna.b+news@outlook.com", "anna.b@outlook.com", true, false, false,
     true},
    {"anna.b+x@hotmail.fr", "anna.b+x@hotmail.fr", "anna.b@hotmail.fr", true, false, false, true},
    {"tim+apple@icloud.com", "tim+apple@icloud.com", "tim@icloud.com", true, false, false, true},
    {"me+list@fastmail.com", "me+list@fastmail.com", "me@fastmail.com", true, false, false, false},
    {"a.b+c@protonmail.com", "a.b+c@protonmail.com", "a.b@protonmail.com", true, false, false,
     true},
    // Yahoo: dots and '+' are significant (its aliases use '-', not strippable).
    {"john.doe-shop@yahoo.com", "john.doe-shop@yahoo.com", "john.doe-shop@yahoo.com", true, false,
     false, true},
    // Unknown domains keep their +tag: '+' may be a real character on a company server.
    {"j.doe+crm@acme.fr", "j.doe+crm@acme.fr", "j.doe+crm@acme.fr", true, false, false, false},
    {"Marie.Dupont@Orange.FR", "marie.dupont@orange.fr", "marie.dupont@orange.fr", true, false,
     false, true},
    {"info@ca-state.gov", "info@ca-state.gov", "info@ca-state.gov", true, true, false, false},
    {"contact@boulangerie-paul.fr", "contact@boulangerie-paul.fr", "contact@boulangerie-paul.fr",
     true, true, false, false},
    {"Sales+eu@acme.com", "sales+eu@acme.com", "sales+eu@acme.com", true, true, false, false},
    {"noreply@shop.com", "noreply@shop.com", "", true, true, true, false},
    {"do-not-reply@acme.com", "do-not-reply@acme.com", "", true, true, true, false},
    {"test@test.com", "test@test.com", "", true, false, true, false},
    {"noemail@gmail.com", "noemail@gmail.com", "", true, false, true, true},
    {"none@none.com", "none@none.com", "", true, false, true, false},
    {"xxx@xxx.xxx", "xxx@xxx.xxx", "", true, false, true, false},
    {"no@email.com", "no@email.com", "", true, false, true, false},
    {"a@a.com", "a@a.com", "", true, false, true, false},
    {"john@example.com", "john@example.com", "", true, false, true, false},
    {"asdf@asdf.com", "asdf@asdf.com", "", true, false, true, false},
    {"user@shop.test", "user@shop.test", "", true, false, true, false},
    // Invalid syntax: normalized kept for the audit, canonical empty.
    {"john.doe@", "john.doe@", "", false, false, false, false},
    {"john..doe@gmail.com", "john..doe@gmail.com", "", false, false, false, false},
    {".john@gmail.com", ".john@gmail.com", "", false, false, false, false},
    {"john@gmail", "john@gmail", "", false, false, false, false},
    {"john@@gmail.com", "john@@gmail.com", "", false, false, false, false},
    {"john doe@gmail.com", "doe@gmail.com", "doe@gmail.com", true, false, false, true},
    {"john@-gmail.com", "john@-gmail.com", "", false, false, false, false},
    {"john@gmail.c", "john@gmail.c", "", false, false, false, false},
    {"john@[192.168.0.1]", "john@[192.168.0.1", "", false, false, false, false},
    {"john@10.0.0.1", "john@10.0.0.1", "", false, false, false, false},
    {"N/A", "n/a", "", false, false, true, false},
    {"", "", "", false, false, false, false},
    {"   ", "", "", false, false, false, false},
    // Several addresses in one cell: the first one.
    {"ann@gmail.com; ann@work.com", "ann@gmail.com", "ann@gmail.com", true, false, false, true},
    {"bob@work.com, bob@home.org", "bob@work.com", "bob@work.com", true, false, false, false},
    // Trailing punctuation from a sentence or a CSV accident.
    {"bob@work.com.", "bob@work.com", "bob@work.com", true, false, false, false},
    // Internationalized (UTF-8) local part and domain are allowed.
    {"josé@correo.es", "josé@correo.es", "josé@correo.es", true, false, false, false},
    {"anne@bücher.de", "anne@bücher.de", "anne@bücher.de", true, false, false, false},
};

TEST(NormalizeEmailTest, RealWorldCases) {
  std::string normalized;
  std::string canonical;
  for (const EmailCase& c : kCases) {
    SCOPED_TRACE(std::string(c.raw));
    const EmailFlags flags = NormalizeEmail(c.raw, normalized, canonical);
    EXPECT_EQ(normalized, c.normalized);
    EXPECT_EQ(canonical, c.canonical);
    EXPECT_EQ(flags.valid, c.valid);
    EXPECT_EQ(flags.role, c.role);
    EXPECT_EQ(flags.placeholder, c.placeholder);
    EXPECT_EQ(flags.free_provider, c.free_provider);
  }
}

TEST(NormalizeEmailTest, IssueExampleMatchesByCanonicalForm) {
  std::string n1, c1, n2, c2;
  NormalizeEmail("J.Lefevre+shop@GMail.com", n1, c1);
  NormalizeEmail("jlefevre@gmail.com", n2, c2);
  EXPECT_NE(n1, n2);
  EXPECT_EQ(c1, c2);
}

TEST(NormalizeEmailTest, LongLocalPartIsInvalid) {
  std::string normalized, canonical;
  const std::string raw = std::string(65, 'a') + "@gmail.com";
  EXPECT_FALSE(NormalizeEmail(raw, normalized, canonical).valid);
  EXPECT_TRUE(NormalizeEmail(raw.substr(1), normalized, canonical).valid);
}

TEST(NormalizeEmailTest, OneMegabyteFieldDoesNotCrash) {
  std::string normalized, canonical;
  const std::string raw(1 << 20, 'x');
  const EmailFlags flags = NormalizeEmail(raw, normalized, canonical);
  EXPECT_FALSE(flags.valid);
  EXPECT_TRUE(canonical.empty());
}

TEST(NormalizeEmailTest, InvalidUtf8IsEscapedAndNeverValid) {
  std::string normalized, canonical;
  // A lone lead byte in the domain, and a Latin-1 byte in the local part.
  for (const std::string raw : {"jlefevre@gmail.c\xfbm", "J\xe9r\xf4me@Example.fr",
                                "\xc3mgir@acme.io"}) {
    SCOPED_TRACE(raw);
    const EmailFlags flags = NormalizeEmail(raw, normalized, canonical);
    EXPECT_FALSE(flags.valid);
    EXPECT_TRUE(canonical.empty());
    EXPECT_TRUE(utf8::IsValid(normalized)) << normalized;
    std::string again, again_canonical;
    NormalizeEmail(normalized, again, again_canonical);
    EXPECT_EQ(again, normalized);
  }
  NormalizeEmail("J\xe9r\xf4me@Example.fr", normalized, canonical);
  EXPECT_EQ(normalized, "j\\xe9r\\xf4me@example.fr");
  // Well-formed non-ASCII stays as it is.
  const EmailFlags flags = NormalizeEmail("J\xc3\xa9r\xc3\xb4me@Example.fr", normalized, canonical);
  EXPECT_TRUE(flags.valid);
  EXPECT_EQ(normalized, "j\xc3\xa9r\xc3\xb4me@example.fr");
}

TEST(NormalizeEmailTest, BuffersAreReusedWithoutGrowing) {
  std::string normalized, canonical;
  normalized.reserve(128);
  canonical.reserve(128);
  const char* const data = normalized.data();
  for (const EmailCase& c : kCases) NormalizeEmail(c.raw, normalized, canonical);
  EXPECT_EQ(normalized.data(), data);
}

std::string RandomEmail(std::mt19937_64& rng) {
  static constexpr std::string_view kLocals[] = {"J.Lefevre",    "anna.b", "info", "Bob",  "x.y.z",
                                                 "marie-claire", "o'neil", "test", "ab_cd"};
  static constexpr std::string_view kTags[] = {"", "+shop", "+a.b", "+"};
  static constexpr std::string_view kDomains[] = {"GMail.com",   "googlemail.com", "outlook.fr",
                                                  "yahoo.com",   "acme.co.uk",     "orange.fr",
                                                  "example.com", "icloud.com",     "x"};
  static constexpr std::string_view kWrappers[] = {"", " ", "mailto:", "<", "\"N\" <"};
  std::string out;
  const auto pick = [&rng](const auto& table) {
    return table[rng() % (sizeof(table) / sizeof(table[0]))];
  };
  out += pick(kWrappers);
  out += pick(kLocals);
  out += pick(kTags);
  out += '@';
  out += pick(kDomains);
  if (rng() % 3 == 0) out += '>';
  if (rng() % 5 == 0) out[rng() % out.size()] = static_cast<char>(rng() % 128);
  return out;
}

TEST(NormalizeEmailTest, IsIdempotent) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::string n1, c1, n2, c2, n3, c3;
  for (int n = 0; n < 20'000; ++n) {
    const std::string raw = RandomEmail(rng);
    SCOPED_TRACE(raw);
    const EmailFlags flags = NormalizeEmail(raw, n1, c1);
    const EmailFlags again = NormalizeEmail(n1, n2, c2);
    ASSERT_EQ(n2, n1);
    ASSERT_EQ(c2, c1);
    ASSERT_EQ(again.valid, flags.valid);
    if (!c1.empty()) {
      // The canonical form is itself a fixed point.
      NormalizeEmail(c1, n3, c3);
      ASSERT_EQ(c3, c1);
    }
  }
}

}  // namespace
}  // namespace idforge::normalize
