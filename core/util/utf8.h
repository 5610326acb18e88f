#pragma once
// UTF-8, the one text encoding of RouteScope (imports check it, the project stores it, tables
// count its characters): the byte rules and the encoding of a code point, in one place.

#include <cstddef>
#include <string>
#include <string_view>

namespace routescope::utf8 {

// A byte that continues a multi-byte character (10xxxxxx).
inline bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of a sequence from its lead byte; 0 for a byte that cannot start one (a continuation
// byte, or a lead of an overlong form or of a code point above U+10FFFF).
int sequenceLength(unsigned char lead);

// Whether the second byte of a multi-byte sequence is valid after `lead`: its range excludes
// overlong forms, surrogates and code points above U+10FFFF.
bool secondByteValid(unsigned char lead, unsigned char second);

// Appends the encoding of a code point; false (nothing appended) for a surrogate or a value
// above U+10FFFF.
bool append(std::string& out, unsigned long codePoint);

// Characters in valid UTF-8 text (bytes that are not continuation bytes).
std::size_t characterCount(std::string_view text);

// The largest prefix of at most `bytes` bytes that does not cut a character in two.
std::string_view prefix(std::string_view text, std::size_t bytes);

} // namespace routescope::utf8
