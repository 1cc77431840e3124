// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Email normalization: unwrap, lower-case, validate, then canonicalize per provider. The constant
// tables are looked up through two KeySets (one probe per local part, one per domain).
#include "engine/normalize/email.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include "engine/common/utf8.h"
#include "engine/normalize/junk.h"
#include "engine/normalize/key_set.h"

namespace idforge::normalize {
namespace {

// Free-mail domains (consumer providers across US, UK, FR, DE, ES, IT, RU, CN, IN).
constexpr std::array<std::string_view, 62> kFreeDomains = {
    "126.com",        "163.com",        "aol.com",        "aol.fr",
    "bluewin.ch",     "bol.com.br",     "btinternet.com", "club-internet.fr",
    "comcast.net",    "free.fr",        "freenet.de",     "gmail.com",
    "gmx.at",         "gmx.com",        "gmx.de",         "gmx.fr",
    "gmx.net",        "googlemail.com", "hotmail.co.uk",  "hotmail.com",
    "hotmail.de",     "hotmail.es",     "hotmail.fr",     "hotmail.it",
    "icloud.com",     "laposte.net",    "libero.it",      "live.co.uk",
    "live.com",       "live.fr",        "mac.com",        "mail.com",
    "mail.ru",        "mailbox.org",    "me.com",         "msn.com",
    "neuf.fr",        "orange.fr",      "outlook.com",    "outlook.de",
    "outlook.es",     "outlook.fr",     "pm.me",          "proton.me",
    "protonmail.com", "qq.com",         "rediffmail.com", "sfr.fr",
    "sky.com",        "t-online.de",    "tiscali.it",     "virgilio.it",
    "wanadoo.fr",     "web.de",         "yahoo.co.uk",    "yahoo.com",
    "yahoo.de",       "yahoo.es",       "yahoo.fr",       "yahoo.it",
    "yandex.ru",      "ymail.com",
};

// Domains whose provider documents `+` subaddressing (the part after `+` is ignored on delivery).
constexpr std::array<std::string_view, 29> kPlusDomains = {
    "fastmail.com", "fastmail.fm", "gmail.com",   "hotmail.co.uk", "hotmail.com", "hotmail.de",
    "hotmail.es",   "hotmail.fr",  "hotmail.it",  "icloud.com",    "live.co.uk",  "live.com",
    "live.fr",      "mac.com",     "mailbox.org", "me.com",        "msn.com",     "outlook.com",
    "outlook.de",   "outlook.es",  "outlook.fr",  "pm.me",         "proton.me",   "protonmail.com",
    "yandex.com",   "yandex.ru",   "zoho.com",    "zohomail.com",  "zohomail.eu",
};

// Local parts of shared mailboxes (compared without the +tag).
constexpr std::array<std::string_view, 44> kRoleLocals = {
    "abuse",        "accounting",  "accounts",   "accueil",     "admin",      "administrator",
    "billing",      "careers",     "compta",     "contact",     "contact-us", "contactus",
    "do-not-reply", "donotreply",  "enquiries",  "hello",       "help",       "helpdesk",
    "hostmaster",   "hr",          "info",       "information", "inquiries",  "jobs",
    "mail",         "marketing",   "media",      "newsletter",  "no-reply",   "no_reply",
    "noreply",      "office",      "postmaster", "press",       "reception",  "recrutement",
    "sales",        "secretariat", "service",    "support",     "team",       "webmaster",
    "welcome",      "www",
};

// Local parts that are never a person's mailbox when typed into a form.
constexpr std::array<std::string_view, 23> kPlaceholderLocals = {
    "do-not-reply", "donotreply",     "dontreply", "email",    "fake",     "no",
    "no-email",     "no-reply",       "no.email",  "no_email", "no_reply", "nobody",
    "noemail",      "noemailaddress", "nomail",    "none",     "noreply",  "notvalid",
    "nowhere",      "sample",         "someone",   "user",     "your",
};

// Domains that cannot receive customer mail: RFC 2606 reserved names and typed-in fillers.
constexpr std::array<std::string_view, 20> kPlaceholderDomains = {
    "domain.com",  "email.email",     "example.com", "example.net", "example.org",
    "fake.com",    "invalid.com",     "mail.mail",   "no.com",      "noemail.com",
    "noemail.net", "nomail.com",      "none.com",    "none.none",   "nowhere.com",
    "null.com",    "placeholder.com", "test.com",    "test.test",   "xxx.xxx",
};

// The tables above as two hash sets: one probe per local part and one per domain.
enum LocalBits : uint8_t { kRoleLocal = 1, kPlaceholderLocal = 2 };
enum DomainBits : uint8_t { kFreeDomain = 1, kPlusDomain = 2, kPlaceholderDomain = 4 };
struct EmailTables {
  KeySet locals;
  KeySet domains;
  EmailTables() {
    locals.Add(kRoleLocals, kRoleLocal);
    locals.Add(kPlaceholderLocals, kPlaceholderLocal);
    domains.Add(kFreeDomains, kFreeDomain);
    domains.Add(kPlusDomains, kPlusDomain);
    domains.Add(kPlaceholderDomains, kPlaceholderDomain);
  }
};
const EmailTables& Tables() {
  static const EmailTables tables;  // built once, read-only
  return tables;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != prefix[i]) return false;
  }
  return true;
}

// Strips the wrappers seen in exports: display names, angle brackets, quotes, `mailto:`, several
// addresses in one cell, trailing punctuation.
std::string_view Unwrap(std::string_view s) {
  s = Trim(s);
  // `Name <addr>` and `"Name" <addr>`: take what is inside the last <...> holding an '@'.
  const size_t close = s.rfind('>');
  if (close != std::string_view::npos) {
    const size_t open = s.rfind('<', close);
    if (open != std::string_view::npos &&
        s.substr(open, close - open).find('@') != std::string_view::npos) {
      s = Trim(s.substr(open + 1, close - open - 1));
    }
  }
  if (StartsWithNoCase(s, "mailto:")) s = Trim(s.substr(7));
  // Several addresses: keep the first token that holds an '@'.
  for (size_t start = 0; start < s.size();) {
    size_t end = start;
    while (end < s.size() && s[end] != ';' && s[end] != ',' && !IsSpace(s[end])) ++end;
    const std::string_view token = s.substr(start, end - start);
    if (end == s.size() && start == 0) break;  // single token: nothing to split
    if (token.find('@') != std::string_view::npos) {
      s = token;
      break;
    }
    start = end + 1;
  }
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    const char front = s.front();
    const char back = s.back();
    if (front == '"' || front == '\'' || front == '<' || front == '(' || front == '[') {
      s.remove_prefix(1);
      changed = true;
    }
    if (!s.empty() && (back == '"' || back == '\'' || back == '>' || back == ')' || back == '.' ||
                       back == ',' || back == ';' || back == ']')) {
      s.remove_suffix(1);
      changed = true;
    }
    s = Trim(s);
  }
  return s;
}

bool IsAtext(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

bool ValidLocal(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  char prev = '\0';
  for (const char c : local) {
    if (c == '.') {
      if (prev == '.') return false;
    } else if (!IsAtext(static_cast<unsigned char>(c))) {
      return false;
    }
    prev = c;
  }
  return true;
}

bool ValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  size_t label_count = 0;
  std::string_view last_label;
  size_t start = 0;
  while (true) {
    const size_t dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (const char c : label) {
      const auto u = static_cast<unsigned char>(c);
      if (!((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u >= 0x80)) {
        return false;
      }
    }
    ++label_count;
    last_label = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (label_count < 2 || last_label.size() < 2) return false;
  return !std::all_of(last_label.begin(), last_label.end(),
                      [](char c) { return c >= '0' && c <= '9'; });
}

bool IsPlaceholderAddress(std::string_view local, std::string_view base_local,
                          std::string_view domain, uint8_t local_bits, uint8_t domain_bits) {
  if ((local_bits & kPlaceholderLocal) != 0 || (domain_bits & kPlaceholderDomain) != 0) {
    return true;
  }
  if (IsPlaceholderValue(base_local)) return true;  // test@, n/a@, xxx@, 1234@, asdf@
  // Reserved top-level names (RFC 2606) and `.local`.
  const size_t last_dot = domain.rfind('.');
  const std::string_view tld = domain.substr(last_dot + 1);
  if (tld == "test" || tld == "example" || tld == "invalid" || tld == "localhost" ||
      tld == "local") {
    return true;
  }
  // a@a.com, xx@xx.fr: a tiny local part repeated as the domain's first label.
  const std::string_view first_label = domain.substr(0, domain.find('.'));
  return local == first_label && local.size() <= 3;
}

// Validates and classifies a trimmed, lower-cased address; writes its canonical form.
EmailFlags ClassifyAddress(std::string_view address, std::string& canonical) {
  EmailFlags flags;
  const size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    flags.placeholder = IsPlaceholderValue(address);  // "none", "n/a" typed in the email column
    return flags;
  }
  const std::string_view local = address.substr(0, at);
  std::string_view domain = address.substr(at + 1);
  if (!ValidLocal(local) || !ValidDomain(domain)) {
    flags.placeholder = IsPlaceholderValue(local);
    return flags;
  }
  flags.valid = true;

  const size_t plus = local.find('+');
  const std::string_view base_local =
      plus == std::string_view::npos ? local : local.substr(0, plus);
  const EmailTables& tables = Tables();
  const uint8_t local_bits = tables.locals.Find(base_local);
  const uint8_t domain_bits = tables.domains.Find(domain);
  flags.role = (local_bits & kRoleLocal) != 0;
  flags.free_provider = (domain_bits & kFreeDomain) != 0;
  flags.placeholder = IsPlaceholderAddress(local, base_local, domain, local_bits, domain_bits);
  if (flags.placeholder) return flags;

  const bool gmail = domain == "gmail.com" || domain == "googlemail.com";
  // The base must stay a valid local part on its own ("bo.+x" keeps its tag).
  const bool strip_tag = !base_local.empty() && (gmail || (domain_bits & kPlusDomain) != 0) &&
                         (gmail ? base_local.front() != '.' : ValidLocal(base_local));
  const std::string_view kept_local = strip_tag ? base_local : local;
  if (gmail) domain = "gmail.com";
  canonical.reserve(kept_local.size() + 1 + domain.size());
  for (const char c : kept_local) {
    if (gmail && c == '.') continue;
    canonical.push_back(c);
  }
  canonical.push_back('@');
  canonical.append(domain);
  return flags;
}

// Addresses with non-ASCII bytes: well-formed UTF-8 is classified as usual. Bytes that are not
// UTF-8 (a library caller that skipped the readers' validation) never make a valid address: the
// kept form writes them as `\xnn` so that no output holds invalid UTF-8; placeholders stay
// placeholders.
EmailFlags NonAsciiEmail(std::string& normalized, std::string& canonical) {
  EmailFlags flags = ClassifyAddress(normalized, canonical);
  if (utf8::IsValid(normalized)) return flags;
  normalized = utf8::EscapeInvalid(normalized);
  for (char& c : normalized) {  // lower-case hex digits: normalizing again changes nothing
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  canonical.clear();
  return {.placeholder = flags.placeholder};
}

}  // namespace

EmailFlags NormalizeEmail(std::string_view raw, std::string& normalized, std::string& canonical) {
  normalized.clear();
  canonical.clear();
  // Performance: most cells are a bare address. One pass lower-cases it and looks for any byte
  // Unwrap() acts on; only cells holding one (or a trailing '.', or `mailto:`) take Unwrap().
  static constexpr std::array<bool, 256> kUnwrapBytes = [] {
    std::array<bool, 256> table{};
    for (const char c : std::string_view(" \t\r\n\f<>;,\"'([)]")) {
      table[static_cast<unsigned char>(c)] = true;
    }
    return table;
  }();
  normalized.resize(raw.size());
  bool bare = !raw.empty() && raw.back() != '.' && !StartsWithNoCase(raw, "mailto:");
  unsigned high = 0;  // bit 7 is set when a byte is not ASCII
  for (size_t i = 0; i < raw.size() && bare; ++i) {
    const char c = raw[i];
    bare = !kUnwrapBytes[static_cast<unsigned char>(c)];
    high |= static_cast<unsigned char>(c);
    normalized[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  if (!bare) {
    const std::string_view unwrapped = Unwrap(raw);
    normalized.resize(unwrapped.size());
    high = 0;
    for (size_t i = 0; i < unwrapped.size(); ++i) {
      const char c = unwrapped[i];
      high |= static_cast<unsigned char>(c);
      normalized[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
  }
  if ((high & 0x80u) != 0) return NonAsciiEmail(normalized, canonical);
  return ClassifyAddress(normalized, canonical);
}

}  // namespace idforge::normalize
