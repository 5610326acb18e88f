#pragma once
// A UTF-8 text file read in 1 MiB chunks: parsers see one validated window at a time, so
// memory stays flat whatever the file size and binary input fails with its line and column.
// The file is opened and read once, front to back, so pipes, FIFOs and "-" (standard input)
// work as regular files do; the first chunk (head()) can be looked at before parsing starts.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace routescope {

class TextInput {
public:
    static constexpr std::size_t kChunkBytes = 1 << 20;

    // Throws ImportError when the file cannot be opened. "-" is standard input (named "stdin" in
    // messages). A leading UTF-8 byte order mark is skipped.
    explicit TextInput(std::string path);
    // Reads `bytes` (which must outlive the input) as if they were the file `name`.
    TextInput(std::string name, std::string_view bytes);
    ~TextInput();
    TextInput(const TextInput&) = delete;
    TextInput& operator=(const TextInput&) = delete;

    // Whether `path` names standard input.
    static bool isStandardInput(const std::string& path) { return path == "-"; }

    const std::string& path() const { return path_; }
    // 0 when unknown (a pipe).
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

    // The first chunk (up to kChunkBytes, after a byte order mark), read but not consumed; only
    // before anything is consumed. Throws ImportError as refill() does.
    std::string_view head();

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

    // Fills `out` with up to `bytes` bytes; fewer only at end of file.
    std::size_t readSource(char* out, std::size_t bytes);

    std::string path_;
    int fd_ = -1;                 // the open file, or -1 when reading `memory_`
    bool ownsFd_ = false;         // false for standard input
    std::string_view memory_;     // the unread rest of an in-memory input
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
