// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Email standardization: a trimmed, lower-cased form kept for the audit, and a canonical form for
// matching that folds the aliases a mailbox provider delivers to the same inbox (Gmail dots,
// `+tags`). Flags mark invalid syntax, role accounts, placeholders and free-mail providers.
#pragma once

#include <string>
#include <string_view>

namespace idforge::normalize {

struct EmailFlags {
  bool valid = false;          // practical RFC 5322 subset, see NormalizeEmail()
  bool role = false;           // a shared mailbox: info@, contact@, sales@, noreply@, ...
  bool placeholder = false;    // test@test.com, noemail@..., a@a.com: never an identity
  bool free_provider = false;  // gmail.com, yahoo.fr, orange.fr, ...: domain says nothing
};

// Normalizes one email cell. Pure and thread-safe; `normalized` and `canonical` are cleared and
// reused (no allocation once they have capacity).
//
// normalized: trimmed, ASCII lower-cased, without a `mailto:` scheme, a display name
//   (`"Jay Jones" <jj@x.com>`), surrounding quotes or angle brackets, or a trailing dot. A cell
//   holding several addresses (`a@x.com; b@y.com`) keeps the first. Kept even when invalid;
//   bytes that are not UTF-8 are written as `\xNN` (and the address is invalid), so the output
//   is always valid UTF-8.
// canonical: the matching key, empty unless valid and not a placeholder.
//   - gmail.com / googlemail.com: dots removed from the local part, `+tag` removed, domain
//     gmail.com (Google documents both behaviours).
//   - Providers that document `+` subaddressing (Outlook.com/Hotmail/Live/MSN, iCloud, Fastmail,
//     Proton, Yandex, Zoho, mailbox.org): `+tag` removed.
//   - Yahoo is left alone: its disposable addresses are `basename-keyword@yahoo.com`, which cannot
//     be told apart from an ordinary local part containing `-`, and Yahoo has no `+` aliases.
//   - Any other domain (company mail servers): unchanged, because whether `+` is a separator
//     there is a server setting; merging two real people is worse than missing an alias.
// valid: one `@`; local part 1..64 bytes of atext (letters, digits, ``!#$%&'*+/=?^_`{|}~-``,
//   UTF-8) and dots, no leading, trailing or doubled dot (quoted local parts are rejected: they
//   do not occur in customer data); domain <= 253 bytes, >= 2 labels of 1..63 letters, digits,
//   hyphens or UTF-8 (no leading/trailing hyphen), top-level label >= 2 bytes and not numeric
//   (address literals `[1.2.3.4]` are rejected).
// Complexity O(n); ~340 ns for a typical address (BM_NormalizeEmail, loaded 2-vCPU machine).
EmailFlags NormalizeEmail(std::string_view raw, std::string& normalized, std::string& canonical);

}  // namespace idforge::normalize
