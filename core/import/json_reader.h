#pragma once
// A small streaming JSON reader: values are parsed one at a time (a top-level array element by
// element, or one JSONL object per line), each remembering the line and column where it starts.

#include "import/text_input.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace routescope {

struct JsonMember;

struct JsonValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;   // NaN and Infinity are accepted as Python writes them; callers decide
    std::string text;    // a string's value, or a number's literal text
    std::vector<JsonValue> items;
    std::vector<JsonMember> members; // in file order
    std::int64_t line = 0;
    std::int64_t column = 0;

    const JsonValue* find(std::string_view key) const;
    std::string typeName() const;
};

// A struct rather than std::pair: clang with libstdc++ cannot instantiate a pair of an incomplete type.
struct JsonMember {
    std::string name;
    JsonValue value;
};

class JsonReader {
public:
    // Memory stays bounded on hostile input (say, a 1 GB line): one string may hold at most
    // kMaxStringBytes, and one top-level value (a record) at most kMaxValueBytes counting its
    // strings and a fixed cost per nested value.
    static constexpr std::size_t kMaxStringBytes = 16 << 20;
    static constexpr std::size_t kMaxValueBytes = 64 << 20;

    explicit JsonReader(TextInput& input) : input_(input) {}

    // Parses one complete value. Throws ImportError with line and column for malformed JSON or a limit passed.
    JsonValue readValue();

    // Top-level array streaming: call beginArray() once, then nextElement() before each element.
    void beginArray();
    bool nextElement();

    // Skips white space; true at end of file. Anything but white space after the last value is an error.
    bool atEnd();
    void expectEnd();
    // For JSONL: only spaces may follow a value before the line ends.
    void expectLineEnd();

    std::int64_t line() const { return line_; }
    std::int64_t column() const { return column_; }
    [[noreturn]] void fail(std::int64_t line, std::int64_t column, const std::string& problem) const;

private:
    void skipSpace();
    int get();
    void expect(char c, const char* what);
    void readInto(JsonValue& value, int depth);
    void readString(std::string& out);
    void readNumber(JsonValue& value);
    void readWord(JsonValue& value);
    unsigned readHex4();
    void charge(std::size_t bytes, std::int64_t line, std::int64_t column);

    TextInput& input_;
    std::int64_t line_ = 1;
    std::int64_t column_ = 1;
    bool arrayFirst_ = true;
    std::size_t held_ = 0; // bytes held by the value being read, against kMaxValueBytes
};

} // namespace routescope
