#pragma once
// The opening of a saved router: a magic string naming its kind, a format version and its
// settings, written and checked the same way by every router that keeps its settings.

#include "routers/router.h"
#include "util/binary_io.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace routescope {

inline void writeRouterHeader(BinaryWriter& out, const std::string& magic, std::uint32_t version,
                              const RouterSettings& settings)
{
    out.writeString(magic);
    out.write<std::uint32_t>(version);
    out.write<std::uint64_t>(settings.size());
    for (const auto& [key, value] : settings) {
        out.writeString(key);
        out.writeString(value);
    }
}

// Throws FormatError naming `what` for another kind's data or a version outside [oldest, newest];
// returns the settings and leaves the version in `found`.
inline RouterSettings readRouterHeader(BinaryReader& in, const std::string& magic, std::uint32_t oldest,
                                       std::uint32_t newest, const std::string& what, std::uint32_t& found)
{
    if (in.readString() != magic)
        throw FormatError("not " + what);
    found = in.read<std::uint32_t>();
    if (found < oldest || found > newest)
        throw FormatError(what + " saved in unknown format version " + std::to_string(found));
    RouterSettings settings;
    const auto count = in.read<std::uint64_t>();
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string key = in.readString();
        settings[key] = in.readString();
    }
    return settings;
}

// The same for a router that reads only its current version.
inline RouterSettings readRouterHeader(BinaryReader& in, const std::string& magic, std::uint32_t version,
                                       const std::string& what)
{
    std::uint32_t found = 0;
    return readRouterHeader(in, magic, version, version, what, found);
}


// A saved router's settings read into its options as when it was made (readOptions), refused
// with FormatError instead of std::invalid_argument: bad settings in a blob are bad data.
template <typename ReadOptions>
auto savedOptions(ReadOptions readOptions, const RouterSettings& settings)
{
    try {
        return readOptions(settings);
    } catch (const std::invalid_argument& e) {
        throw FormatError(e.what());
    }
}

} // namespace routescope
