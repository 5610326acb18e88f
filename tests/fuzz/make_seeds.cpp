// Writes the seed corpus of the load fuzzers: every router kind, the text featurizer and the
// cost model trained on a tiny random problem and saved, each prefixed by the selector byte
// its fuzz target reads first.
//   make_seeds ROUTER_DIR PIPELINE_DIR

#include "features/text_featurizer.h"
#include "routers/cost_model.h"
#include "routers/router_factory.h"

#include <Eigen/Core>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace routescope;

namespace {

void writeSeed(const std::string& path, std::uint8_t selector, const BinaryWriter& blob)
{
    std::ofstream out(path, std::ios::binary);
    out.put(static_cast<char>(selector));
    out.write(reinterpret_cast<const char*>(blob.bytes().data()), static_cast<std::streamsize>(blob.bytes().size()));
}

// Small settings keep the blobs a few kilobytes, which the fuzzer mutates quickly.
RouterSettings smallSettings(const std::string& kind)
{
    if (kind == "mlp")
        return {{"hidden", "4"}, {"epochs", "2"}};
    if (kind == "mf")
        return {{"dim", "3"}, {"epochs", "2"}};
    if (kind == "equirouter")
        return {{"embedding", "4"}, {"head", "4"}, {"epochs", "1"}, {"select", "none"}, {"threads", "1"}};
    if (kind == "knn")
        return {{"k", "3"}};
    if (kind == "contrastive")
        return {{"hidden", "4"}, {"dim", "3"}, {"epochs", "2"}};
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: make_seeds ROUTER_DIR PIPELINE_DIR\n";
        return 2;
    }
    const std::string routerDir = argv[1], pipelineDir = argv[2];
    constexpr int kQueries = 12, kModels = 3, kDims = 4;
    std::mt19937 random(7);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    FeatureMatrix features(kQueries, kDims);
    Eigen::MatrixXd scores(kQueries, kModels), costs(kQueries, kModels);
    for (int n = 0; n < kQueries; ++n) {
        for (int d = 0; d < kDims; ++d)
            features(n, d) = uniform(random);
        for (int m = 0; m < kModels; ++m) {
            scores(n, m) = uniform(random) < 0.5f ? 0.0 : 1.0;
            costs(n, m) = 0.001 * (m + 1);
        }
    }
    const TrainingSet train{features, scores, costs};
    const auto& kinds = learnedRouterKinds();
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        try {
            auto router = makeRouter(kinds[k], smallSettings(kinds[k]));
            router->fit(train, nullptr, {});
            BinaryWriter blob;
            router->save(blob);
            writeSeed(routerDir + "/" + kinds[k], static_cast<std::uint8_t>(k), blob);
        } catch (const std::exception& e) {
            std::cerr << "make_seeds: " << kinds[k] << ": " << e.what() << "\n";
            return 1;
        }
    }

    std::vector<std::string> texts;
    std::vector<QueryInfo> queries;
    for (int n = 0; n < kQueries; ++n) {
        texts.push_back("question " + std::to_string(n) + " about topic " + std::to_string(n % 3));
        queries.push_back({"q" + std::to_string(n), texts.back(), n % 2 ? "math" : "trivia"});
    }
    TextFeaturizerSettings settings;
    settings.dimensions = 4;
    settings.hashBits = 8;
    TextFeaturizer featurizer(settings);
    featurizer.fit(texts, {});
    BinaryWriter featurizerBlob;
    featurizer.save(featurizerBlob);
    writeSeed(pipelineDir + "/featurizer", 0, featurizerBlob);
    CostModel costModel;
    costModel.fit(queries, costs);
    BinaryWriter costBlob;
    costModel.save(costBlob);
    writeSeed(pipelineDir + "/cost_model", 1, costBlob);
    return 0;
}
