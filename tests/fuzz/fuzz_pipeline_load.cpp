// Fuzzes loading the rest of a saved experiment's pipeline: the first byte picks the text
// featurizer or the cost model, the rest is the blob. What loads must also work: the featurizer
// transforms a query, the cost model predicts for one.

#include "features/text_featurizer.h"
#include "routers/cost_model.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope;
    if (size < 1)
        return 0;
    BinaryReader in(data + 1, size - 1);
    try {
        if (data[0] % 2 == 0) {
            TextFeaturizer featurizer;
            featurizer.load(in);
            featurizer.transform({"What is the capital of France? Answer in one word."});
        } else {
            CostModel costs;
            costs.load(in);
            costs.predict({CostQuery{"task", 14}});
        }
    } catch (const FormatError&) {
    }
    return 0;
}
