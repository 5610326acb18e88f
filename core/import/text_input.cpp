#include "import/text_input.h"

#include "import/importer.h"
#include "util/utf8.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace routescope {

TextInput::TextInput(std::string path) : path_(std::move(path)), buffer_(kChunkBytes + 4)
{
    if (isStandardInput(path_)) {
        path_ = "stdin";
        fd_ = STDIN_FILENO;
    } else {
        // One open for the whole import: a FIFO or /dev/stdin gives its bytes only once.
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0)
            throw ImportError(path_, 0, 0, std::string("cannot open: ") + std::strerror(errno));
        ownsFd_ = true;
    }
    struct stat info {};
    if (::fstat(fd_, &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            if (ownsFd_)
                ::close(fd_);
            throw ImportError(path_, 0, 0, "is a directory, not a file");
        }
        if (S_ISREG(info.st_mode))
            fileSize_ = static_cast<std::int64_t>(info.st_size);
    }
    pos_ = end_ = windowBegin_ = buffer_.data();
}

TextInput::TextInput(std::string name, std::string_view bytes)
    : path_(std::move(name)), memory_(bytes), fileSize_(static_cast<std::int64_t>(bytes.size())), buffer_(kChunkBytes + 4)
{
    pos_ = end_ = windowBegin_ = buffer_.data();
}

TextInput::~TextInput()
{
    if (ownsFd_)
        ::close(fd_);
}

std::size_t TextInput::readSource(char* out, std::size_t bytes)
{
    if (fd_ < 0) {
        const std::size_t n = std::min(bytes, memory_.size());
        std::memcpy(out, memory_.data(), n);
        memory_.remove_prefix(n);
        return n;
    }
    std::size_t got = 0;
    while (got < bytes) {
        const auto n = ::read(fd_, out + got, bytes - got);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw ImportError(path_, linesBefore_ + 1, 0, std::string("cannot read: ") + std::strerror(errno));
        }
        got += static_cast<std::size_t>(n);
    }
    return got;
}

std::string_view TextInput::head()
{
    if (chunksLoaded_ == 0)
        peek();
    if (chunksLoaded_ > 1 || pos_ != windowBegin_)
        throw std::logic_error("TextInput::head() after reading began");
    return {pos_, static_cast<std::size_t>(end_ - pos_)};
}

bool TextInput::refill()
{
    if (pos_ != end_)
        return true;
    // Position bookkeeping for the window just finished, needed only to name error positions.
    const char* windowStart = windowBegin_;
    const auto newlines = std::count(windowStart, end_, '\n');
    if (newlines > 0) {
        const char* lastNewline = windowStart;
        for (const char* p = end_; p != windowStart; --p)
            if (p[-1] == '\n') {
                lastNewline = p;
                break;
            }
        columnBefore_ = std::count_if(lastNewline, end_, [](char c) { return !utf8::isContinuation(c); });
    } else {
        columnBefore_ += std::count_if(windowStart, end_, [](char c) { return !utf8::isContinuation(c); });
    }
    linesBefore_ += newlines;

    std::memmove(buffer_.data(), end_, carried_);
    const auto got = readSource(buffer_.data() + carried_, kChunkBytes);
    bytesRead_ += static_cast<std::int64_t>(got);
    const std::size_t total = carried_ + got;
    pos_ = end_ = windowBegin_ = buffer_.data();
    if (got == 0) {
        if (carried_ > 0)
            failAt(0, "invalid UTF-8: the file ends inside a multi-byte character");
        return false;
    }
    ++chunksLoaded_;
    std::size_t start = 0;
    if (atStart_) {
        atStart_ = false;
        if (total >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0)
            start = 3;
    }
    carried_ = 0;
    end_ = buffer_.data() + total;
    windowBegin_ = buffer_.data() + start;
    validate(start);
    pos_ = windowBegin_;
    return pos_ != end_ || refill();
}

void TextInput::validate(std::size_t from)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(buffer_.data());
    const std::size_t total = static_cast<std::size_t>(end_ - buffer_.data());
    std::size_t i = from;
    while (i < total) {
        // Fast path: eight ASCII bytes, none of them NUL.
        if (i + 8 <= total) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, 8);
            const std::uint64_t zeroByte = (word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL;
            if ((word & 0x8080808080808080ULL) == 0 && zeroByte == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = bytes[i];
        if (c == 0)
            failAt(i, "binary data (NUL byte); expected UTF-8 text");
        const int length = utf8::sequenceLength(c);
        if (length == 0)
            failAt(i, "invalid UTF-8 byte 0x" + [c] {
                static const char* hex = "0123456789ABCDEF";
                return std::string{hex[c >> 4], hex[c & 15]};
            }());
        if (length == 1) {
            ++i;
            continue;
        }
        for (int k = 1; k < length; ++k) {
            if (i + static_cast<std::size_t>(k) >= total) {
                // An unfinished sequence at the end of the chunk: finish it with the next chunk.
                carried_ = total - i;
                end_ = buffer_.data() + i;
                return;
            }
            const unsigned char next = bytes[i + static_cast<std::size_t>(k)];
            if (k == 1 ? !utf8::secondByteValid(c, next) : !utf8::isContinuation(next))
                failAt(i, "invalid UTF-8 sequence");
        }
        i += static_cast<std::size_t>(length);
    }
}

void TextInput::failAt(std::size_t offset, const std::string& problem) const
{
    const char* start = windowBegin_;
    const char* at = buffer_.data() + offset;
    const auto newlines = std::count(start, at, '\n');
    std::int64_t column = 0;
    if (newlines > 0) {
        const char* lineStart = at;
        while (lineStart > start && lineStart[-1] != '\n')
            --lineStart;
        column = std::count_if(lineStart, at, [](char c) { return !utf8::isContinuation(c); });
    } else {
        column = columnBefore_ + std::count_if(start, at, [](char c) { return !utf8::isContinuation(c); });
    }
    throw ImportError(path_, linesBefore_ + newlines + 1, column + 1, problem);
}

} // namespace routescope
