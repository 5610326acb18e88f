#include "import/python_literal.h"

#include "util/utf8.h"

namespace routescope {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}


// Parses one quoted Python string at `i`; false when it is not a well-formed literal.
bool readString(std::string_view s, std::size_t& i, std::string& out)
{
    const char quote = s[i++];
    for (;;) {
        const std::size_t run = s.find_first_of(quote == '\'' ? std::string_view("'\\\n") : std::string_view("\"\\\n"), i);
        if (run == std::string_view::npos || s[run] == '\n')
            return false;
        out.append(s.substr(i, run - i));
        i = run + 1;
        if (s[run] == quote)
            return true;
        if (i >= s.size())
            return false;
        const char e = s[i++];
        int digits = 0;
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default:
            // Python keeps unknown escapes as written.
            out += '\\';
            out += e;
        }
        if (digits) {
            if (i + static_cast<std::size_t>(digits) > s.size())
                return false;
            unsigned long code = 0;
            for (int k = 0; k < digits; ++k) {
                const int v = hexValue(s[i++]);
                if (v < 0)
                    return false;
                code = code * 16 + static_cast<unsigned long>(v);
            }
            if (!utf8::append(out, code))
                return false;
        }
    }
}

} // namespace

std::optional<std::vector<std::string>> parsePythonStringList(std::string_view s)
{
    std::size_t i = 0;
    auto skipSpace = [&] {
        while (i < s.size() && isSpace(s[i]))
            ++i;
    };
    skipSpace();
    if (i >= s.size() || s[i] != '[')
        return std::nullopt;
    ++i;
    std::vector<std::string> items;
    skipSpace();
    if (i < s.size() && s[i] == ']') {
        ++i;
    } else {
        for (;;) {
            skipSpace();
            if (i >= s.size() || (s[i] != '\'' && s[i] != '"'))
                return std::nullopt;
            items.emplace_back();
            if (!readString(s, i, items.back()))
                return std::nullopt;
            skipSpace();
            if (i >= s.size())
                return std::nullopt;
            if (s[i] == ']') {
                ++i;
                break;
            }
            if (s[i] != ',')
                return std::nullopt;
            ++i;
        }
    }
    skipSpace();
    if (i != s.size())
        return std::nullopt;
    return items;
}

std::string promptFromPythonRepr(std::string_view text)
{
    const auto items = parsePythonStringList(text);
    if (!items)
        return std::string(text);
    std::string joined;
    for (std::size_t k = 0; k < items->size(); ++k) {
        if (k)
            joined += '\n';
        joined += (*items)[k];
    }
    return joined;
}

} // namespace routescope
