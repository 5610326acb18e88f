#pragma once
// A small streaming JSON writer for the CLI's machine-readable output and stored results.

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace routescope {

class JsonWriter {
public:
    JsonWriter& beginObject() { return open('{'); }
    JsonWriter& endObject() { return close('}'); }
    JsonWriter& beginArray() { return open('['); }
    JsonWriter& endArray() { return close(']'); }

    JsonWriter& key(std::string_view name)
    {
        separate();
        quote(name);
        out_ += ':';
        afterKey_ = true;
        return *this;
    }
    JsonWriter& value(std::string_view s)
    {
        separate();
        quote(s);
        return *this;
    }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b)
    {
        separate();
        out_ += b ? "true" : "false";
        return *this;
    }
    JsonWriter& value(long long n)
    {
        separate();
        out_ += std::to_string(n);
        return *this;
    }
    JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
    JsonWriter& value(long n) { return value(static_cast<long long>(n)); }
    // Non-finite numbers have no JSON form: they are written as null.
    JsonWriter& value(double x)
    {
        separate();
        if (!std::isfinite(x)) {
            out_ += "null";
            return *this;
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.10g", x);
        out_ += buf;
        return *this;
    }
    JsonWriter& value(std::optional<double> x) { return x ? value(*x) : null(); }
    JsonWriter& null()
    {
        separate();
        out_ += "null";
        return *this;
    }

    const std::string& str() const { return out_; }

private:
    JsonWriter& open(char c)
    {
        separate();
        out_ += c;
        first_.push_back(true);
        return *this;
    }
    JsonWriter& close(char c)
    {
        out_ += c;
        first_.pop_back();
        return *this;
    }
    void separate()
    {
        if (afterKey_) {
            afterKey_ = false;
            return;
        }
        if (!first_.empty()) {
            if (!first_.back())
                out_ += ',';
            first_.back() = false;
        }
    }
    void quote(std::string_view s)
    {
        out_ += '"';
        for (const unsigned char c : s) {
            switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out_ += buf;
                } else {
                    out_ += static_cast<char>(c);
                }
            }
        }
        out_ += '"';
    }

    std::string out_;
    std::vector<bool> first_;
    bool afterKey_ = false;
};

} // namespace routescope
