// Loading a dataset's score and cost matrices for training (issue 15 item 2), from a schema 6
// project (column blobs, each prompt's length in the covering index of queries) and, for comparison, from the same dataset in a schema 3 project (a row
// per query and model), read the way ProjectStore::loadOutcomes read rows before schema 5:
//   bench_outcome_loading --db PROJECT --dataset NAME [--rows-db SCHEMA3_PROJECT] [--runs N]
// A schema 3 copy is what `routescope-cli upgrade` keeps as PROJECT.v3.bak. Prints median seconds
// of what training loads (loadExperimentInputs without the prompts' text, with their lengths), of
// the text it reads apart on a feature cache miss, of the same load with the text, and of the
// outcomes alone; then why the lengths are read: a cost model without them predicts other costs.

#include "experiment/experiment_inputs.h"
#include "routers/cost_model.h"
#include "store/project_store.h"
#include "store/sqlite.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

using namespace routescope;

namespace {

template <typename Work>
double medianSeconds(int runs, Work work)
{
    std::vector<double> seconds;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    return seconds[seconds.size() / 2];
}

// Schema 3's read: queries by position, then every outcome row of a complete query placed by its
// query and model ids (range checks kept as the old loader made them).
Eigen::Index loadRows(const std::string& path, const std::string& dataset)
{
    sqlite::Database db(path, sqlite::Database::Mode::ReadOnly);
    auto find = db.prepare("SELECT id FROM datasets WHERE name = ?");
    find.bind(1, dataset);
    if (!find.step())
        throw std::runtime_error("no dataset " + dataset + " in " + path);
    const auto id = find.int64(0);
    std::unordered_map<std::int64_t, Eigen::Index> modelColumn, queryRow;
    auto models = db.prepare("SELECT id, name, input_price, output_price FROM models WHERE dataset_id = ? ORDER BY position");
    models.bind(1, id);
    std::vector<std::string> modelNames;
    while (models.step()) {
        modelColumn[models.int64(0)] = Eigen::Index(modelNames.size());
        modelNames.push_back(models.text(1));
    }
    struct Query {
        std::string sampleId, text, task;
    };
    std::vector<Query> queries;
    auto select = db.prepare("SELECT id, sample_id, task, text FROM queries WHERE dataset_id = ? AND complete ORDER BY position");
    select.bind(1, id);
    while (select.step()) {
        queryRow[select.int64(0)] = Eigen::Index(queries.size());
        queries.push_back({select.text(1), select.text(3), select.text(2)});
    }
    const auto nan = std::numeric_limits<double>::quiet_NaN();
    Eigen::MatrixXd scores = Eigen::MatrixXd::Constant(Eigen::Index(queries.size()), Eigen::Index(modelNames.size()), nan);
    Eigen::MatrixXd costs = scores;
    auto outcomes = db.prepare("SELECT o.query_id, o.model_id, o.score, o.cost FROM outcomes o"
                               " JOIN queries q ON q.id = o.query_id WHERE q.dataset_id = ? AND q.complete");
    outcomes.bind(1, id);
    while (outcomes.step()) {
        const auto row = queryRow.at(outcomes.int64(0));
        const auto col = modelColumn.at(outcomes.int64(1));
        if (outcomes.isNull(2) || !outcomes.isNumber(2) || outcomes.isNull(3) || !outcomes.isNumber(3))
            throw std::runtime_error("damaged outcome row");
        scores(row, col) = outcomes.real(2);
        costs(row, col) = outcomes.real(3);
        if (!(scores(row, col) >= 0 && scores(row, col) <= 1 && costs(row, col) >= 0 && costs(row, col) <= 1e6))
            throw std::runtime_error("outcome out of range");
    }
    if (scores.hasNaN())
        throw std::runtime_error("a complete query lacks an outcome");
    return scores.rows();
}

} // namespace

int main(int argc, char** argv)
{
    std::string db, dataset, rowsDb;
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--db")
            db = argv[i + 1];
        else if (option == "--dataset")
            dataset = argv[i + 1];
        else if (option == "--rows-db")
            rowsDb = argv[i + 1];
        else if (option == "--runs")
            runs = std::max(1, std::stoi(argv[i + 1]));
    }
    if (db.empty() || dataset.empty()) {
        std::fprintf(stderr, "usage: bench_outcome_loading --db PROJECT --dataset NAME [--rows-db SCHEMA3_PROJECT] [--runs N]\n");
        return 2;
    }
    try {
        Eigen::Index rows = 0, models = 0;
        std::int64_t id = 0;
        // Each one opens the project, as training does and as the schema 3 read below does.
        const auto opened = [&](auto load) {
            return medianSeconds(runs, [&] {
                ProjectStore store(db, ProjectStore::Access::ReadOnly);
                id = store.findDataset(dataset).value();
                load(store);
            });
        };
        const double training = opened([&](ProjectStore& store) {
            const ExperimentInputs inputs = loadExperimentInputs(store, id, std::nullopt, /*withText=*/false);
            rows = inputs.train->queryCount();
            models = inputs.train->modelCount();
        });
        const double text = opened([&](ProjectStore& store) { rows = Eigen::Index(store.loadQueryTexts(id).size()); });
        const double withText = opened([&](ProjectStore& store) {
            rows = loadExperimentInputs(store, id, std::nullopt, /*withText=*/true).train->queryCount();
        });
        const double outcomesAlone = opened([&](ProjectStore& store) { rows = store.loadOutcomes(id, false).queryCount(); });
        const double openAlone = opened([](ProjectStore&) {});
        std::printf("schema 6 (column blobs, prompt lengths in the index), %lld queries x %lld models, each with the project's open (median of %d):\n",
                    static_cast<long long>(rows), static_cast<long long>(models), runs);
        std::printf("  what training loads: outcomes without the prompts' text, their lengths:  %.3f s\n", training);
        std::printf("  the prompts' text, read apart on a feature cache miss:                  %.3f s\n", text);
        std::printf("  outcomes with the prompts' text (what training loaded before):          %.3f s\n", withText);
        std::printf("  outcomes alone, neither text nor lengths:                               %.3f s\n", outcomesAlone);
        std::printf("  opening the project and finding the dataset, in each figure above:     %.3f s\n", openAlone);
        if (!rowsDb.empty()) {
            const double rowTime = medianSeconds(runs, [&] { rows = loadRows(rowsDb, dataset); });
            std::printf("schema 3 (a row per query and model), the old loader's read, with the text: %.3f s (median of %d) for %lld queries\n",
                        rowTime, runs, static_cast<long long>(rows));
            std::printf("ratio, what training loads now against the old loader: %.1fx; with the text on both sides: %.1fx\n",
                        rowTime / training, rowTime / withText);
        }

        // Why training reads the lengths: the cost model regresses cost on prompt length.
        ProjectStore store(db, ProjectStore::Access::ReadOnly);
        const OutcomeMatrix full = store.loadOutcomes(id), bare = store.loadOutcomes(id, false);
        CostModel withPrompts, withoutPrompts;
        withPrompts.fit(costQueries(full.queries), full.costs);
        withoutPrompts.fit(costQueries(bare.queries), bare.costs);
        const Eigen::MatrixXd difference =
            withPrompts.predict(costQueries(full.queries)) - withoutPrompts.predict(costQueries(bare.queries));
        std::printf("cost model fitted and predicting without the prompts' lengths: predicted costs differ in %lld of %lld cells, "
                    "by up to %.3g USD (mean predicted cost %.3g USD)\n",
                    static_cast<long long>((difference.array() != 0.0).count()), static_cast<long long>(difference.size()),
                    difference.cwiseAbs().maxCoeff(), withPrompts.predict(costQueries(full.queries)).mean());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_outcome_loading: %s\n", e.what());
        return 1;
    }
}
