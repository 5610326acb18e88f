// Writes the seed corpus of the load fuzzers: every router kind, the text featurizer and the
// cost model trained on a tiny random problem and saved, each prefixed by the selector byte
// its fuzz target reads first; small project files, sound and damaged in the ways projects are;
// and price tables under answer lengths.
//   make_seeds ROUTER_DIR PIPELINE_DIR PROJECT_DIR PRICE_TOKENS_DIR TEST_DATA_DIR

#include "features/text_featurizer.h"
#include "import/importer.h"
#include "routers/cost_model.h"
#include "routers/router_factory.h"
#include "store/project_store.h"

#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
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

// Raw SQL on a file, as another program (or a bad disk) would change it.
void edit(const std::string& path, const std::string& sql)
{
    sqlite::Database db(path, sqlite::Database::Mode::ReadWrite);
    db.exec(sql);
}

// Small projects: 512-byte pages keep a project with a dataset near 20 KB, which the fuzzer mutates quickly.
void writeProjectSeeds(const std::string& dir, const std::string& testData)
{
    const std::string sound = dir + "/sound.routescope";
    std::filesystem::remove(sound);
    {
        ProjectStore store(sound);
        importDataset(store, testData + "/good/long_small.csv", {});
    }
    edit(sound, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;");
    auto variant = [&](const std::string& name, const std::string& sql) {
        const std::string path = dir + "/" + name;
        std::filesystem::copy_file(sound, path, std::filesystem::copy_options::overwrite_existing);
        edit(path, sql);
    };
    variant("score_out_of_range.routescope", "UPDATE model_outcomes SET scores = CAST(X'0000000000001E40' || substr(scores, 9) AS BLOB) WHERE model_id = (SELECT MIN(model_id) FROM model_outcomes)");
    variant("prompt_bytes_wrong.routescope", "UPDATE queries SET prompt_bytes = -1 WHERE position = 0");
    variant("user_version_minus_one.routescope", "PRAGMA user_version = -1");
    variant("newer.routescope", "PRAGMA user_version = 99");
    variant("unmarked.routescope", "PRAGMA application_id = 0");
    variant("foreign_id.routescope", "PRAGMA application_id = 305419896");
    // Page 2 holds the first table's root: garbage there is the damage a bad sector does.
    const std::string damaged = dir + "/root_page_garbage.routescope";
    std::filesystem::copy_file(sound, damaged, std::filesystem::copy_options::overwrite_existing);
    std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(512);
    file.write(std::string(512, '\xA5').data(), 512);
}

// Price tables from the test data, each under a few answer lengths (the first line).
void writePriceTokenSeeds(const std::string& dir, const std::string& testData)
{
    int n = 0;
    for (const char* table : {"good/prices_small.json", "bad/prices.json", "bad/prices_huge.json", "bad/prices_text.json"}) {
        std::ifstream in(testData + "/" + table, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        for (const char* tokens : {"0", "200", "10000000"})
            std::ofstream(dir + "/seed" + std::to_string(++n), std::ios::binary) << tokens << "\n" << text.str();
    }
    std::ofstream(dir + "/seed_max", std::ios::binary)
        << "10000000\n" << R"({"m1": {"input_price": 1000000, "output_price": 1000000}, "m2": {"input_price": 0.5, "output_price": 1}})";
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 6) {
        std::cerr << "usage: make_seeds ROUTER_DIR PIPELINE_DIR PROJECT_DIR PRICE_TOKENS_DIR TEST_DATA_DIR\n";
        return 2;
    }
    const std::string routerDir = argv[1], pipelineDir = argv[2];
    try {
        writeProjectSeeds(argv[3], argv[5]);
        writePriceTokenSeeds(argv[4], argv[5]);
    } catch (const std::exception& e) {
        std::cerr << "make_seeds: " << e.what() << "\n";
        return 1;
    }
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
    costModel.fit(costQueries(queries), costs);
    BinaryWriter costBlob;
    costModel.save(costBlob);
    writeSeed(pipelineDir + "/cost_model", 1, costBlob);
    return 0;
}
