#include "pipeline/learned_routers.h"

#include "routers/router_factory.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace routescope::bench {

std::vector<LearnedRouter> learnedRouters(std::uint64_t seed)
{
    const std::string s = std::to_string(seed);
    return {
        {"random", "random", {{"seed", s}}},
        {"ridge", "ridge", {{"lambda", "1"}}},
        {"ridge_margin", "margin", {{"base", "ridge"}, {"lambda", "1"}, {"margin", "0.05"}}},
        {"knn", "knn", {{"k", "40"}}},
        {"mlp", "mlp", {{"hidden", "100"}, {"epochs", "30"}, {"batch", "200"}, {"seed", s}}},
        {"equirouter",
         "equirouter",
         // The reference's loss (one mean over all pairs) and length (5 passes).
         {{"tie", "top"},
          {"tie_norm", "pooled"},
          {"min_steps", "0"},
          {"epochs", "5"},
          {"batch", "128"},
          {"select", "none"},
          {"seed", s}}},
    };
}

void writeBlob(const std::string& path, const BinaryWriter& blob)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(blob.bytes().data()), std::streamsize(blob.bytes().size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

std::vector<char> readBlob(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void saveRouter(const Router& router, const std::string& path)
{
    BinaryWriter writer;
    router.save(writer);
    writeBlob(path, writer);
}

std::unique_ptr<Router> loadRouter(const LearnedRouter& spec, const std::string& path)
{
    const std::vector<char> bytes = readBlob(path);
    auto router = makeRouter(spec.kind, spec.settings);
    BinaryReader reader(bytes.data(), bytes.size());
    router->load(reader);
    return router;
}

} // namespace routescope::bench
