#include "cli/experiment_source.h"

#include "routers/router_factory.h"

#include <limits>
#include <sstream>
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

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            items.push_back(item);
    return items;
}

std::vector<std::uint64_t> parseSeeds(const std::string& text)
{
    std::vector<std::uint64_t> seeds;
    for (const auto& item : splitList(text))
        seeds.push_back(static_cast<std::uint64_t>(integerValue("--seeds", item, 0, std::numeric_limits<long long>::max())));
    if (seeds.empty())
        throw UsageError("--seeds is empty");
    return seeds;
}

// A router from the command line, checked before any data is read: "knn:k=0" is a usage error.
RouterSpec routerSpecFrom(const std::string& text)
{
    try {
        RouterSpec spec = parseRouterSpec(text);
        checkRouterSettings(spec.kind, spec.settings);
        return spec;
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--routers: ") + e.what());
    }
}

} // namespace

std::vector<std::string> experimentOptionNames()
{
    auto names = ExperimentSource::optionNames();
    names.insert(names.end(), {"--routers", "--seeds", "--train-fraction", "--validation-fraction",
                               "--held-out-task", "--policy"});
    return names;
}

ExperimentSpec experimentSpecFrom(const Arguments& args, const std::string& defaultRouters)
{
    ExperimentSpec spec;
    for (const auto& item : splitList(args.option("--routers").value_or(defaultRouters)))
        if (item != "oracle")
            spec.routers.push_back(routerSpecFrom(item));
    spec.seeds = parseSeeds(args.option("--seeds").value_or("0"));
    if (auto f = args.fraction("--train-fraction"))
        spec.trainFraction = *f;
    if (auto f = args.fraction("--validation-fraction"))
        spec.validationFraction = *f;
    spec.heldOutTask = args.option("--held-out-task").value_or("");
    return spec;
}

std::vector<BudgetPolicy> budgetPoliciesFrom(const Arguments& args)
{
    std::vector<BudgetPolicy> policies;
    for (auto name : splitList(args.option("--policy").value_or("threshold"))) {
        if (name == "lambda")
            name = "wtp";
        const auto policy = parseBudgetPolicy(name);
        if (!policy)
            throw UsageError("--policy is threshold or lambda (wtp), not '" + name + "'");
        policies.push_back(*policy);
    }
    if (policies.empty())
        throw UsageError("--policy is empty");
    return policies;
}

BudgetPolicy budgetPolicyFrom(const Arguments& args)
{
    const auto policies = budgetPoliciesFrom(args);
    if (policies.size() != 1)
        throw UsageError("this command takes one --policy");
    return policies.front();
}

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
        // Opened read-write when free, so the feature cache is used and filled and the experiment saved.
        store = std::make_unique<ProjectStore>(*db, ProjectStore::Access::ReadWriteIfFree);
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
    // With --db the experiment reads the prompts' text from the project if its features are not
    // cached there; the temporary project of --train is not given to it, so the text comes now.
    inputs_ = loadExperimentInputs(*store, trainId, testId, /*withText=*/!db);
    if (db)
        project_ = std::move(store);
}

ExperimentData ExperimentSource::train() const { return inputs_.trainData(project_.get()); }

ExperimentSource::~ExperimentSource()
{
    if (!temporaryDir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(temporaryDir_, ignored);
    }
}

ExperimentData ExperimentSource::test() const { return inputs_.testData(project_.get()); }

std::int64_t ExperimentSource::importInto(ProjectStore& store, const std::string& file, const Arguments& args)
{
    ImportOptions options;
    options.format = parseFormatName(args.option("--format").value_or("auto"));
    options.pricesPath = args.option("--prices").value_or("");
    return importForCommand(store, file, options).datasetId;
}

ImportReport importForCommand(ProjectStore& store, const std::string& file, const ImportOptions& options,
                              const JobControl& job)
{
    try {
        return importDataset(store, file, options, job);
    } catch (const ImportError& e) {
        if (options.pricesPath.empty() && e.problem().find("give a price table") != std::string::npos)
            throw ImportError(e.file(), e.line(), e.column(), e.problem() + ": --prices PRICES.json");
        throw;
    }
}

} // namespace routescope::cli
