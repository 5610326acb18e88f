#pragma once
// A UTF-8 text file read in 1 MiB chunks: parsers see one validated window at a time, so
// memory stays flat whatever the file size and binary input fails with its line and column.

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace routescope {

class TextInput {
public:
    static constexpr std::size_t kChunkBytes = 1 << 20;

    // Throws ImportError when the file cannot be opened. A leading UTF-8 byte order mark is skipped.
    explicit TextInput(std::string path);

    const std::string& path() const { return path_; }
    std::int64_t fileSize() const { return fileSize_; }
    std::int64_t bytesRead() const { return bytesRead_; }
    // Counts chunk loads, so progress can be reported once per chunk.
    std::int64_t chunksLoaded() const { return chunksLoaded_; }

    // The unread part of the current window; consume() marks bytes as read.
    const char* pos() const { return pos_; }
    const char* end() const { return end_; }
    void consume(const char* to) { pos_ = to; }
    // Loads the next chunk once the window is used up; false at end of file. Throws ImportError
    // on a NUL byte or invalid UTF-8.
    bool refill();

    // Next byte without consuming it, or -1 at end of file.
    int peek()
    {
        if (pos_ == end_ && !refill())
            return -1;
        return static_cast<unsigned char>(*pos_);
    }

private:
    void validate(std::size_t from);
    [[noreturn]] void failAt(std::size_t offset, const std::string& problem) const;

    std::string path_;
    std::ifstream file_;
    std::int64_t fileSize_ = 0;
    std::int64_t bytesRead_ = 0;
    std::int64_t chunksLoaded_ = 0;
    std::vector<char> buffer_;
    std::size_t carried_ = 0;       // bytes of an unfinished UTF-8 sequence kept for the next chunk
    std::int64_t linesBefore_ = 0;  // newlines before the current window, for error positions
    std::int64_t columnBefore_ = 0; // code points after the last newline before the window
    bool atStart_ = true;
    const char* windowBegin_ = nullptr; // first byte of the window after a skipped byte order mark
    const char* pos_ = nullptr;
    const char* end_ = nullptr;
};

} // namespace routescope
