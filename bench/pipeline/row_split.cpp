#include "pipeline/row_split.h"

#include "util/json_writer.h"
#include "util/random.h"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <stdexcept>

namespace routescope::bench {

RowSplit shuffledSplit(Eigen::Index rows, Eigen::Index trainSize, std::uint64_t seed)
{
    if (trainSize <= 0 || trainSize >= rows)
        throw std::invalid_argument("train size must leave at least one row for each part");
    std::vector<Eigen::Index> order(static_cast<std::size_t>(rows));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    Random(seed).shuffle(order);
    RowSplit split;
    split.train.assign(order.begin(), order.begin() + trainSize);
    split.test.assign(order.begin() + trainSize, order.end());
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.test.begin(), split.test.end());
    return split;
}

void writeSplitJson(const std::string& path, const RowSplit& split)
{
    JsonWriter json;
    json.beginObject();
    for (const auto& [name, rows] : {std::pair{"train", &split.train}, std::pair{"test", &split.test}}) {
        json.key(name).beginArray();
        for (const Eigen::Index row : *rows)
            json.value(static_cast<long long>(row));
        json.endArray();
    }
    json.endObject();
    std::ofstream out(path);
    out << json.str() << '\n';
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

} // namespace routescope::bench
