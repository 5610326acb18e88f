#include "import/json_reader.h"

#include "import/importer.h"
#include "util/number_text.h"
#include "util/utf8.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace routescope {

namespace {

constexpr int kMaxDepth = 256; // deeper nesting is not routing data, and would exhaust the stack
constexpr std::size_t kMaxNumberChars = 400; // longer literals are not numbers anyone wrote
constexpr std::size_t kMaxWordChars = 16;    // true, false, null, NaN, Infinity


std::string describe(int c)
{
    if (c < 0)
        return "end of file";
    if (c >= 0x20 && c < 0x7F)
        return std::string("'") + static_cast<char>(c) + "'";
    return "byte " + std::to_string(c);
}

} // namespace

const JsonValue* JsonValue::find(std::string_view key) const
{
    for (const auto& [name, value] : members)
        if (name == key)
            return &value;
    return nullptr;
}

std::string JsonValue::typeName() const
{
    switch (type) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
    }
    return "a value";
}

void JsonReader::fail(std::int64_t line, std::int64_t column, const std::string& problem) const
{
    throw ImportError(input_.path(), line, column, problem);
}

int JsonReader::get()
{
    const int c = input_.peek();
    if (c < 0)
        return c;
    input_.consume(input_.pos() + 1);
    if (c == '\n') {
        ++line_;
        column_ = 1;
    } else if (!utf8::isContinuation(static_cast<unsigned char>(c))) {
        ++column_;
    }
    return c;
}

void JsonReader::skipSpace()
{
    for (int c = input_.peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = input_.peek())
        get();
}

void JsonReader::expect(char expected, const char* what)
{
    skipSpace();
    const auto line = line_;
    const auto column = column_;
    const int c = get();
    if (c != expected)
        fail(line, column, std::string("expected ") + what + ", found " + describe(c));
}

void JsonReader::charge(std::size_t bytes, std::int64_t line, std::int64_t column)
{
    held_ += bytes;
    if (held_ > kMaxValueBytes)
        fail(line, column, "JSON value larger than the " + std::to_string(kMaxValueBytes >> 20) + " MiB limit");
}

JsonValue JsonReader::readValue()
{
    held_ = 0;
    JsonValue value;
    readInto(value, 0);
    return value;
}

void JsonReader::readInto(JsonValue& value, int depth)
{
    skipSpace();
    value.line = line_;
    value.column = column_;
    if (depth > kMaxDepth)
        fail(line_, column_, "JSON nested too deeply");
    charge(sizeof(JsonValue), line_, column_);
    const int c = input_.peek();
    if (c == '{') {
        get();
        value.type = JsonValue::Type::Object;
        skipSpace();
        if (input_.peek() == '}') {
            get();
            return;
        }
        for (;;) {
            skipSpace();
            const auto keyLine = line_;
            const auto keyColumn = column_;
            if (input_.peek() != '"')
                fail(keyLine, keyColumn, "expected a quoted key, found " + describe(input_.peek()));
            std::string key;
            readString(key);
            if (value.find(key))
                fail(keyLine, keyColumn, "duplicate key " + quotedExcerpt(key));
            expect(':', "':' after the key");
            JsonValue member;
            readInto(member, depth + 1);
            value.members.push_back({std::move(key), std::move(member)});
            skipSpace();
            const auto line = line_;
            const auto column = column_;
            const int next = get();
            if (next == '}')
                return;
            if (next != ',')
                fail(line, column, "expected ',' or '}' in an object, found " + describe(next));
        }
    }
    if (c == '[') {
        get();
        value.type = JsonValue::Type::Array;
        skipSpace();
        if (input_.peek() == ']') {
            get();
            return;
        }
        for (;;) {
            value.items.emplace_back();
            readInto(value.items.back(), depth + 1);
            skipSpace();
            const auto line = line_;
            const auto column = column_;
            const int next = get();
            if (next == ']')
                return;
            if (next != ',')
                fail(line, column, "expected ',' or ']' in an array, found " + describe(next));
        }
    }
    if (c == '"') {
        value.type = JsonValue::Type::String;
        readString(value.text);
        return;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        readNumber(value);
        return;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        readWord(value);
        return;
    }
    if (c < 0)
        fail(line_, column_, "unexpected end of file (truncated JSON)");
    fail(line_, column_, "unexpected " + describe(c) + " where a JSON value should start");
}

void JsonReader::readString(std::string& out)
{
    const auto startLine = line_;
    const auto startColumn = column_;
    get(); // opening quote
    out.clear();
    auto grow = [&](std::size_t bytes) {
        if (out.size() + bytes > kMaxStringBytes)
            fail(startLine, startColumn, "string longer than the " + std::to_string(kMaxStringBytes >> 20) + " MiB limit");
        charge(bytes, startLine, startColumn);
    };
    for (;;) {
        // Plain runs are copied in bulk; only quotes, escapes and control bytes stop the scan.
        const char* p = input_.pos();
        const char* end = input_.end();
        std::int64_t columns = 0;
        while (p != end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) {
            columns += !utf8::isContinuation(static_cast<unsigned char>(*p));
            ++p;
        }
        grow(static_cast<std::size_t>(p - input_.pos()));
        out.append(input_.pos(), p);
        input_.consume(p);
        column_ += columns;
        const int c = input_.peek();
        if (c < 0)
            fail(startLine, startColumn, "unterminated string (truncated JSON)");
        if (c == '"') {
            get();
            return;
        }
        if (c != '\\') {
            if (c < 0x20)
                fail(line_, column_, "control character in a string (it must be escaped)");
            continue;
        }
        const auto escapeLine = line_;
        const auto escapeColumn = column_;
        get();
        const int e = get();
        grow(4); // an escape adds at most four bytes
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            unsigned code = readHex4();
            // SQLite keeps text up to its first NUL in some functions: no NUL reaches the project.
            if (code == 0)
                fail(escapeLine, escapeColumn, "\\u0000 (a NUL character) in a string; text may not hold NUL");
            if (code >= 0xDC00 && code <= 0xDFFF)
                fail(escapeLine, escapeColumn, "lone low surrogate in a \\u escape");
            if (code >= 0xD800 && code <= 0xDBFF) {
                if (get() != '\\' || get() != 'u')
                    fail(escapeLine, escapeColumn, "high surrogate not followed by a low surrogate");
                const unsigned low = readHex4();
                if (low < 0xDC00 || low > 0xDFFF)
                    fail(escapeLine, escapeColumn, "high surrogate not followed by a low surrogate");
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            utf8::append(out, code);
            break;
        }
        default:
            fail(escapeLine, escapeColumn, "invalid escape \\" + (e < 0 ? std::string() : std::string(1, static_cast<char>(e))));
        }
    }
}

unsigned JsonReader::readHex4()
{
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
        const auto line = line_;
        const auto column = column_;
        const int c = get();
        unsigned digit;
        if (c >= '0' && c <= '9')
            digit = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = static_cast<unsigned>(c - 'A' + 10);
        else
            fail(line, column, "expected four hex digits after \\u");
        code = code * 16 + digit;
    }
    return code;
}

void JsonReader::readNumber(JsonValue& value)
{
    value.type = JsonValue::Type::Number;
    std::string& text = value.text;
    auto digits = [&] {
        std::size_t n = 0;
        for (int c = input_.peek(); c >= '0' && c <= '9'; c = input_.peek(), ++n) {
            if (text.size() == kMaxNumberChars)
                fail(value.line, value.column, "number longer than " + std::to_string(kMaxNumberChars) + " characters");
            text += static_cast<char>(get());
        }
        return n;
    };
    auto invalid = [&] { fail(value.line, value.column, "invalid number"); };
    if (input_.peek() == '-') {
        text += static_cast<char>(get());
        if (input_.peek() == 'I') {
            readWord(value);
            if (value.text != "Infinity")
                invalid();
            value.number = -value.number;
            value.text = "-Infinity";
            return;
        }
    }
    if (input_.peek() == '0')
        text += static_cast<char>(get());
    else if (digits() == 0)
        invalid();
    if (input_.peek() == '.') {
        text += static_cast<char>(get());
        if (digits() == 0)
            invalid();
    }
    if (input_.peek() == 'e' || input_.peek() == 'E') {
        text += static_cast<char>(get());
        if (input_.peek() == '+' || input_.peek() == '-')
            text += static_cast<char>(get());
        if (digits() == 0)
            invalid();
    }
    const int next = input_.peek();
    if ((next >= '0' && next <= '9') || next == '.' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))
        invalid();
    // 1e-400 underflows to 0 and 1e400 overflows to infinity, as in every other reader.
    const auto number = parseDecimal(text);
    if (!number)
        invalid();
    value.number = *number;
}

void JsonReader::readWord(JsonValue& value)
{
    std::string word;
    for (int c = input_.peek(); (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); c = input_.peek()) {
        if (word.size() == kMaxWordChars)
            fail(value.line, value.column, "unknown word '" + word + "...' where a JSON value should start");
        word += static_cast<char>(get());
    }
    if (word == "true" || word == "false") {
        value.type = JsonValue::Type::Bool;
        value.boolean = word == "true";
    } else if (word == "null") {
        value.type = JsonValue::Type::Null;
    } else if (word == "NaN" || word == "Infinity") {
        value.type = JsonValue::Type::Number;
        value.text = word;
        value.number = word == "NaN" ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
    } else {
        fail(value.line, value.column, "unknown word '" + word + "' where a JSON value should start");
    }
}

void JsonReader::beginArray()
{
    skipSpace();
    const int c = input_.peek();
    if (c != '[')
        fail(line_, column_, "expected a JSON array of records ('['), found " + describe(c));
    get();
    arrayFirst_ = true;
}

bool JsonReader::nextElement()
{
    skipSpace();
    const int c = input_.peek();
    if (c == ']') {
        get();
        return false;
    }
    if (c < 0)
        fail(line_, column_, "unexpected end of file: the array is not closed (truncated JSON)");
    if (!arrayFirst_) {
        if (c != ',')
            fail(line_, column_, "expected ',' or ']' between records, found " + describe(c));
        get();
        skipSpace();
        if (input_.peek() == ']')
            fail(line_, column_, "trailing comma before ']'");
    }
    arrayFirst_ = false;
    return true;
}

bool JsonReader::atEnd()
{
    skipSpace();
    return input_.peek() < 0;
}

void JsonReader::expectEnd()
{
    if (!atEnd())
        fail(line_, column_, "unexpected " + describe(input_.peek()) + " after the end of the JSON value");
}

void JsonReader::expectLineEnd()
{
    for (int c = input_.peek(); c == ' ' || c == '\t' || c == '\r'; c = input_.peek())
        get();
    const int c = input_.peek();
    if (c >= 0 && c != '\n')
        fail(line_, column_, "expected one JSON value per line, found " + describe(c));
}

} // namespace routescope
