#include "util/text_file.h"

#include <fstream>
#include <stdexcept>

namespace routescope {

void writeTextFile(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close(); // a full disk shows at the flush
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace routescope
