// Fuzzes loading a saved router: the first byte picks the kind, the rest is the blob handed to
// makeRouter(kind)->load(). A blob that loads must save and load again to the same bytes.

#include "routers/router_factory.h"

#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope;
    if (size < 1)
        return 0;
    const auto& kinds = learnedRouterKinds();
    const std::string& kind = kinds[data[0] % kinds.size()];
    auto router = makeRouter(kind);
    BinaryReader in(data + 1, size - 1);
    try {
        router->load(in);
    } catch (const FormatError&) {
        return 0;
    }
    BinaryWriter saved;
    router->save(saved);
    auto again = makeRouter(kind);
    BinaryReader reread(saved.bytes().data(), saved.bytes().size());
    again->load(reread); // a router that loaded once must load from its own save
    BinaryWriter savedAgain;
    again->save(savedAgain);
    if (savedAgain.bytes() != saved.bytes())
        throw std::logic_error(kind + ": save after load is not stable");
    return 0;
}
