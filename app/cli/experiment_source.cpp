#include "cli/experiment_source.h"

#include "import/importer.h"
#include "store/feature_cache.h"

#include <random>
#include <stdexcept>
#include <unistd.h>

namespace routescope::cli {

namespace {

std::filesystem::path makeTemporaryDir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "routescope-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary directory");
    return pattern;
}

} // namespace

std::vector<std::string> ExperimentSource::optionNames()
{
    return {"--train", "--test", "--format", "--prices", "--db", "--dataset", "--test-dataset"};
}

ExperimentSource::ExperimentSource(const Arguments& args)
{
    const auto trainFile = args.option("--train");
    const auto db = args.option("--db");
    if (trainFile && db)
        throw UsageError("give either --train/--test files or --db/--dataset, not both");
    if (!trainFile && !db)
        throw UsageError("give --train FILE [--test FILE], or --db PROJECT --dataset NAME");

    std::int64_t trainId = 0;
    std::optional<std::int64_t> testId;
    std::unique_ptr<ProjectStore> store;
    if (trainFile) {
        temporaryDir_ = makeTemporaryDir();
        store = std::make_unique<ProjectStore>((temporaryDir_ / "compare.routescope").string());
        trainId = importInto(*store, *trainFile, args);
        description_ = "train " + *trainFile;
        if (auto testFile = args.option("--test")) {
            testId = importInto(*store, *testFile, args);
            description_ += ", test " + *testFile;
        }
    } else {
        if (!std::filesystem::exists(*db))
            throw std::runtime_error("no project at " + *db);
        store = std::make_unique<ProjectStore>(*db, ProjectStore::Access::ReadOnly);
        const std::string name = args.required("--dataset");
        const auto id = store->findDataset(name);
        if (!id)
            throw std::runtime_error(*db + ": no dataset named '" + name + "'");
        trainId = *id;
        description_ = *db + " dataset " + name;
        if (auto testName = args.option("--test-dataset")) {
            testId = store->findDataset(*testName);
            if (!testId)
                throw std::runtime_error(*db + ": no dataset named '" + *testName + "'");
            description_ += ", test dataset " + *testName;
        }
    }
    trainOutcomes_ = store->loadOutcomes(trainId);
    trainEmbeddings_ = loadEmbeddings(*store, trainId);
    if (testId) {
        testOutcomes_ = store->loadOutcomes(*testId);
        testEmbeddings_ = loadEmbeddings(*store, *testId);
    }
    for (const auto& m : trainOutcomes_.models)
        modelNames_.push_back(m.name);
}

ExperimentSource::~ExperimentSource()
{
    if (!temporaryDir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(temporaryDir_, ignored);
    }
}

ExperimentData ExperimentSource::test() const
{
    if (!testOutcomes_)
        return {};
    return {&*testOutcomes_, testEmbeddings_ ? &*testEmbeddings_ : nullptr};
}

std::int64_t ExperimentSource::importInto(ProjectStore& store, const std::string& file, const Arguments& args)
{
    ImportOptions options;
    options.format = parseFormatName(args.option("--format").value_or("auto"));
    options.pricesPath = args.option("--prices").value_or("");
    return importDataset(store, file, options).datasetId;
}

} // namespace routescope::cli
