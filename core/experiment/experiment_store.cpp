#include "experiment/experiment_store.h"

#include "experiment/experiment_inputs.h"

#include "routers/router_factory.h"
#include "routers/router_settings.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace routescope {

namespace {

constexpr std::int32_t kRunFormatVersion = 1;

std::string describeSpec(const ExperimentSpec& spec, bool textFeatures)
{
    return "train_fraction=" + std::to_string(spec.trainFraction) +
           ",validation_fraction=" + std::to_string(spec.validationFraction) +
           ",held_out_task=" + spec.heldOutTask +
           ",features=" + (textFeatures ? spec.featurizer.key() : std::string("embeddings"));
}

BinaryWriter rowsBlob(const std::vector<Eigen::Index>& rows)
{
    BinaryWriter out;
    out.write<std::uint64_t>(rows.size());
    for (auto r : rows)
        out.write<std::int64_t>(r);
    return out;
}

// Rows saved by rowsBlob, each in [0, limit); throws FormatError naming `what`.
std::vector<Eigen::Index> readRows(BinaryReader in, Eigen::Index limit, const std::string& what)
{
    const auto count = in.read<std::uint64_t>();
    if (count > static_cast<std::uint64_t>(limit))
        throw FormatError(what + " has more rows than its dataset");
    std::vector<Eigen::Index> rows;
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto r = in.read<std::int64_t>();
        if (r < 0 || r >= limit)
            throw FormatError(what + " names a row its dataset does not have");
        rows.push_back(r);
    }
    return rows;
}

void bindBlob(sqlite::Statement& statement, int index, const BinaryWriter& writer)
{
    statement.bindBlob(index, writer.bytes().data(), writer.bytes().size());
}

// Warnings are single lines, kept as one text.
std::string joinLines(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& line : lines)
        text += (text.empty() ? "" : "\n") + line;
    return text;
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// Reads back what describeSpec wrote; a field it cannot read keeps its default.
void readSpec(const std::string& text, SavedExperiment& saved)
{
    const auto field = [&text](const std::string& key, const std::string& next) -> std::optional<std::string> {
        const auto start = text.find(key + "=");
        if (start == std::string::npos)
            return std::nullopt;
        const auto from = start + key.size() + 1;
        const auto end = next.empty() ? std::string::npos : text.find("," + next + "=", from);
        return text.substr(from, end == std::string::npos ? std::string::npos : end - from);
    };
    const auto number = [](const std::optional<std::string>& value, double fallback) {
        try {
            return value ? std::stod(*value) : fallback;
        } catch (const std::exception&) {
            return fallback;
        }
    };
    saved.trainFraction = number(field("train_fraction", "validation_fraction"), saved.trainFraction);
    saved.validationFraction = number(field("validation_fraction", "held_out_task"), saved.validationFraction);
    saved.heldOutTask = field("held_out_task", "features").value_or("");
    saved.features = field("features", "").value_or("");
}

BinaryReader readerOf(const sqlite::Statement& statement, int column)
{
    return BinaryReader(statement.blob(column), static_cast<std::size_t>(statement.blobBytes(column)));
}

// Where a run's models are kept, to read them when first needed. The run is found again by its
// id, seed and creation time, so a run saved since in place of a removed one is not mistaken for it.
struct SavedRunPlace {
    std::string project; // the project file
    std::string label;   // the experiment's, when it was opened
    std::int64_t runId = 0;
    std::uint64_t seed = 0;
    std::string createdAt;

    std::string what() const { return "experiment '" + label + "', seed " + std::to_string(seed); }
};

// The run's fitted featurizer and cost model, from its `pipeline` blob.
FittedPipeline loadPipeline(ProjectStore& store, const SavedRunPlace& place, bool textFeatures)
{
    auto select = store.database().prepare(
        "SELECT pipeline FROM experiment_runs WHERE id = ? AND seed = ? AND created_at = ?");
    select.bind(1, place.runId).bind(2, static_cast<std::int64_t>(place.seed)).bind(3, place.createdAt);
    if (!select.step())
        throw FormatError(place.what() + " is no longer in the project as it was opened: open it again");
    try {
        auto in = readerOf(select, 0);
        if ((in.read<std::int32_t>() == 1) != textFeatures)
            throw FormatError("its features are not those its settings name");
        FittedPipeline fitted;
        if (textFeatures)
            fitted.featurizer.load(in);
        fitted.costModel.load(in);
        return fitted;
    } catch (const FormatError& e) {
        throw FormatError(place.what() + ": the saved featurizer and cost model are damaged: " + e.what());
    }
}

// One router's trained model, from its `model` blob.
std::unique_ptr<const Router> loadRouterModel(ProjectStore& store, const SavedRunPlace& place, std::int64_t routerId,
                                              const RouterSpec& spec)
{
    auto select = store.database().prepare(
        "SELECT r.model FROM routers r JOIN experiment_runs e ON e.id = r.run_id"
        " WHERE r.id = ? AND e.id = ? AND e.seed = ? AND e.created_at = ? AND r.name = ? AND r.kind = ?");
    select.bind(1, routerId)
        .bind(2, place.runId)
        .bind(3, static_cast<std::int64_t>(place.seed))
        .bind(4, place.createdAt)
        .bind(5, spec.name)
        .bind(6, spec.kind);
    if (!select.step())
        throw FormatError(place.what() + ": router '" + spec.name +
                          "' is no longer in the project as it was opened: open the experiment again");
    auto router = makeRouter(spec.kind, spec.settings);
    try {
        auto in = readerOf(select, 0);
        router->load(in);
    } catch (const FormatError& e) {
        throw FormatError(place.what() + ": the saved model of router '" + spec.name + "' is damaged: " + e.what());
    }
    return router;
}

} // namespace

void saveExperiment(ProjectStore& store, const std::string& label, std::int64_t trainDatasetId,
                    std::optional<std::int64_t> testDatasetId, const ExperimentSpec& spec,
                    const std::vector<ExperimentRun>& runs)
{
    auto& db = store.database();
    sqlite::Transaction transaction(db);
    auto taken = db.prepare("SELECT 1 FROM experiment_runs WHERE label = ?");
    taken.bind(1, label);
    if (taken.step())
        throw std::invalid_argument("an experiment labelled '" + label + "' is already in the project");

    auto insertRun = db.prepare(
        "INSERT INTO experiment_runs (label, train_dataset_id, test_dataset_id, seed, spec, format_version,"
        " test_rows, predicted_cost, pipeline, warnings, train_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto insertRouter = db.prepare(
        "INSERT INTO routers (run_id, position, name, kind, settings, train_seconds, predicted_quality, model)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& run : runs) {
        const BinaryWriter rows = rowsBlob(run.testRows), trainRows = rowsBlob(run.trainRows);
        BinaryWriter cost, pipeline;
        cost.writeMatrix(run.predictedCost);
        pipeline.write<std::int32_t>(run.textFeatures ? 1 : 0);
        const FittedPipeline& fitted = run.pipeline.value();
        if (run.textFeatures)
            fitted.featurizer.save(pipeline);
        fitted.costModel.save(pipeline);
        insertRun.bind(1, label)
            .bind(2, trainDatasetId)
            .bind(3, testDatasetId)
            .bind(4, static_cast<std::int64_t>(run.seed))
            .bind(5, describeSpec(spec, run.textFeatures))
            .bind(6, kRunFormatVersion);
        bindBlob(insertRun, 7, rows);
        bindBlob(insertRun, 8, cost);
        bindBlob(insertRun, 9, pipeline);
        insertRun.bind(10, joinLines(run.warnings));
        bindBlob(insertRun, 11, trainRows);
        insertRun.run();
        const auto runId = db.lastInsertId();
        for (std::size_t i = 0; i < run.routers.size(); ++i) {
            const auto& r = run.routers[i];
            BinaryWriter quality, model;
            quality.writeMatrix(r.predictedQuality);
            r.router.value()->save(model);
            insertRouter.bind(1, runId)
                .bind(2, static_cast<std::int64_t>(i))
                .bind(3, r.spec.name)
                .bind(4, r.spec.kind)
                .bind(5, formatRouterSettings(r.spec.settings))
                .bind(6, r.trainSeconds);
            bindBlob(insertRouter, 7, quality);
            bindBlob(insertRouter, 8, model);
            insertRouter.run();
        }
    }
    transaction.commit();
}

std::vector<SavedExperiment> listExperiments(ProjectStore& store)
{
    std::vector<SavedExperiment> result;
    auto list = store.database().prepare(
        "SELECT label, train_dataset_id, test_dataset_id, seed, created_at, id, spec, train_rows IS NOT NULL"
        " FROM experiment_runs ORDER BY id");
    auto routers = store.database().prepare("SELECT name FROM routers WHERE run_id = ? ORDER BY position");
    while (list.step()) {
        const std::string label = list.text(0);
        if (result.empty() || result.back().label != label) {
            SavedExperiment e;
            e.label = label;
            e.trainDatasetId = list.int64(1);
            if (!list.isNull(2))
                e.testDatasetId = list.int64(2);
            e.createdAt = list.text(4);
            readSpec(list.text(6), e);
            e.trainingRows = list.int64(7) != 0;
            routers.bind(1, list.int64(5));
            while (routers.step())
                e.routerNames.push_back(routers.text(0));
            routers.reset();
            result.push_back(std::move(e));
        }
        result.back().seeds.push_back(static_cast<std::uint64_t>(list.int64(3)));
    }
    return result;
}

std::optional<SavedExperiment> findExperiment(ProjectStore& store, const std::string& label)
{
    for (auto& e : listExperiments(store))
        if (e.label == label)
            return std::move(e);
    return std::nullopt;
}

std::string uniqueExperimentLabel(ProjectStore& store, const std::string& base)
{
    auto taken = store.database().prepare("SELECT 1 FROM experiment_runs WHERE label = ?");
    std::string label = base;
    for (int i = 2;; ++i) {
        taken.bind(1, label);
        const bool used = taken.step();
        taken.reset();
        if (!used)
            return label;
        label = base + " (" + std::to_string(i) + ")";
    }
}

std::string newExperimentLabel(ProjectStore& store, const std::string& suffix)
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return uniqueExperimentLabel(store, text + suffix);
}

OutcomeMatrix loadTestOutcomes(ProjectStore& store, const SavedExperiment& saved)
{
    OutcomeMatrix test = store.loadOutcomes(saved.testDatasetId.value_or(saved.trainDatasetId));
    if (!saved.testDatasetId)
        return test;
    std::vector<std::string> trainModels;
    for (const auto& dataset : store.datasets())
        if (dataset.id == saved.trainDatasetId)
            for (const auto& model : dataset.models)
                trainModels.push_back(model.name);
    return inTrainingModelOrder(std::move(test), trainModels);
}

std::vector<ExperimentRun> loadExperiment(ProjectStore& store, const std::string& label, const OutcomeMatrix& test)
{
    auto& db = store.database();
    // The pipeline and model blobs (tens of MB per seed) are only measured here: they are read on first use.
    auto runs = db.prepare("SELECT id, seed, format_version, test_rows, predicted_cost, spec, warnings, train_rows,"
                           " train_dataset_id, created_at, length(pipeline) FROM experiment_runs WHERE label = ? ORDER BY seed");
    auto trainQueries = db.prepare("SELECT COUNT(*) FROM queries WHERE dataset_id = ? AND complete");
    auto routers = db.prepare("SELECT id, name, kind, settings, train_seconds, predicted_quality, length(model)"
                              " FROM routers WHERE run_id = ? ORDER BY position");
    // A project with no file (in memory) cannot be read again later: its models are read now.
    const bool later = !store.path().empty() && store.path() != ":memory:";
    const std::string project = later ? std::filesystem::absolute(store.path()).string() : std::string();
    runs.bind(1, label);
    std::vector<ExperimentRun> result;
    while (runs.step()) {
        if (runs.int64(2) != kRunFormatVersion)
            throw FormatError("experiment '" + label + "' was saved in format " + std::to_string(runs.int64(2)) +
                              ", this build reads format " + std::to_string(kRunFormatVersion));
        ExperimentRun run;
        run.seed = static_cast<std::uint64_t>(runs.int64(1));
        const SavedRunPlace place{project, label, runs.int64(0), run.seed, runs.text(9)};
        run.warnings = splitLines(runs.text(6));
        run.testRows = readRows(readerOf(runs, 3), test.queryCount(), "experiment '" + label + "'");
        if (!runs.isNull(7)) {
            trainQueries.bind(1, runs.int64(8));
            trainQueries.step();
            const Eigen::Index trainCount = trainQueries.int64(0);
            trainQueries.reset();
            run.trainRows = readRows(readerOf(runs, 7), trainCount, "the training rows of experiment '" + label + "'");
        }
        auto cost = readerOf(runs, 4);
        cost.readMatrix(run.predictedCost);
        SavedExperiment settings;
        readSpec(runs.text(5), settings);
        run.textFeatures = settings.features != "embeddings";
        if (runs.int64(10) < std::int64_t(sizeof(std::int32_t)))
            throw FormatError(place.what() + " has no saved featurizer and cost model");
        if (later)
            run.pipeline = LoadOnFirstUse<FittedPipeline>::later([place, textFeatures = run.textFeatures] {
                ProjectStore again(place.project, ProjectStore::Access::ReadOnly);
                return loadPipeline(again, place, textFeatures);
            });
        else
            run.pipeline = loadPipeline(store, place, run.textFeatures);
        run.trueScores = test.scores(run.testRows, Eigen::all);
        run.trueCosts = test.costs(run.testRows, Eigen::all);
        if (run.predictedCost.rows() != run.trueScores.rows() || run.predictedCost.cols() != run.trueScores.cols())
            throw FormatError("experiment '" + label + "' does not match its dataset's shape");

        routers.bind(1, place.runId);
        while (routers.step()) {
            TrainedRouter r;
            const std::int64_t routerId = routers.int64(0);
            r.spec.name = routers.text(1);
            r.spec.kind = routers.text(2);
            r.spec.settings = parseRouterSettings(routers.text(3));
            r.trainSeconds = routers.real(4);
            auto quality = readerOf(routers, 5);
            quality.readMatrix(r.predictedQuality);
            if (r.predictedQuality.rows() != run.trueScores.rows() || r.predictedQuality.cols() != run.trueScores.cols())
                throw FormatError("router '" + r.spec.name + "' does not match its dataset's shape");
            checkRouterSettings(r.spec.kind, r.spec.settings);
            if (routers.int64(6) == 0)
                throw FormatError(place.what() + ": router '" + r.spec.name + "' has no saved model");
            // A cascade's sweep needs its model (router_sweeps.h), and it is small: read at once.
            if (!later || routerFamily(r.spec.kind) == RouterFamily::Cascade)
                r.router = loadRouterModel(store, place, routerId, r.spec);
            else
                r.router = LoadOnFirstUse<std::unique_ptr<const Router>>::later([place, routerId, spec = r.spec] {
                    ProjectStore again(place.project, ProjectStore::Access::ReadOnly);
                    return loadRouterModel(again, place, routerId, spec);
                });
            run.routers.push_back(std::move(r));
        }
        routers.reset();
        result.push_back(std::move(run));
    }
    if (result.empty())
        throw std::invalid_argument("no experiment labelled '" + label + "' in the project");
    return result;
}

void removeExperiment(ProjectStore& store, const std::string& label)
{
    sqlite::Transaction transaction(store.database());
    auto remove = store.database().prepare("DELETE FROM experiment_runs WHERE label = ?");
    remove.bind(1, label).run();
    transaction.commit();
}

void renameExperiment(ProjectStore& store, const std::string& from, const std::string& to)
{
    if (to.empty())
        throw std::invalid_argument("an experiment needs a name");
    sqlite::Transaction transaction(store.database());
    if (to != from && uniqueExperimentLabel(store, to) != to)
        throw std::invalid_argument("an experiment labelled '" + to + "' is already in the project");
    auto rename = store.database().prepare("UPDATE experiment_runs SET label = ? WHERE label = ?");
    rename.bind(1, to).bind(2, from).run();
    if (store.database().changes() == 0)
        throw std::invalid_argument("no experiment labelled '" + from + "' in the project");
    // Scenarios name their experiment by label (schema.h): they move with it.
    auto scenarios = store.database().prepare("UPDATE scenarios SET experiment = ? WHERE experiment = ?");
    scenarios.bind(1, to).bind(2, from).run();
    transaction.commit();
}

} // namespace routescope
