#include "import/same_file.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sys/stat.h>

namespace routescope {

namespace {

struct FileStamp {
    long long bytes = -1;
    std::time_t modified = 0;
};

FileStamp stampOf(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        return {};
    return {static_cast<long long>(info.st_size), info.st_mtime};
}

// "YYYY-MM-DD HH:MM:SS" in UTC, as SQLite's datetime('now') writes it; 0 when unreadable.
std::time_t utcTime(const std::string& text)
{
    std::tm parts{};
    if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &parts.tm_year, &parts.tm_mon, &parts.tm_mday, &parts.tm_hour,
                    &parts.tm_min, &parts.tm_sec) != 6)
        return 0;
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    return timegm(&parts);
}

bool sameBytes(const std::string& a, const std::string& b)
{
    std::ifstream left(a, std::ios::binary), right(b, std::ios::binary);
    if (!left || !right)
        return false;
    std::vector<char> x(1 << 16), y(1 << 16);
    while (left && right) {
        left.read(x.data(), std::streamsize(x.size()));
        right.read(y.data(), std::streamsize(y.size()));
        if (left.gcount() != right.gcount() || !std::equal(x.begin(), x.begin() + left.gcount(), y.begin()))
            return false;
    }
    return left.eof() && right.eof();
}

} // namespace

std::vector<std::string> datasetsFromSameFile(ProjectStore& store, const std::string& path)
{
    std::vector<std::string> names;
    const FileStamp file = stampOf(path);
    if (file.bytes < 0)
        return names;
    for (const auto& dataset : store.datasets()) {
        const FileStamp source = stampOf(dataset.source);
        // A source file written after its import may no longer hold what was imported.
        if (source.bytes != file.bytes || source.modified > utcTime(dataset.importedAt))
            continue;
        if (sameBytes(dataset.source, path))
            names.push_back(dataset.name);
    }
    return names;
}

} // namespace routescope
