// What-if scenarios on saved experiments: prices scaled or set anew and models taken out of the
// pool, re-evaluated without retraining (scenario/), and scenarios kept in the project.

#include "experiment/comparison.h"
#include "experiment/experiment_store.h"
#include "import/importer.h"
#include "report/comparison_summary.h"
#include "routers/cascade_router.h"
#include "store/schema.h"
#include "scenario/scenario.h"
#include "scenario/scenario_dataset.h"
#include "scenario/scenario_runs.h"
#include "scenario/scenario_store.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace routescope;

namespace {

std::vector<std::string> namesOf(const OutcomeMatrix& data)
{
    std::vector<std::string> names;
    for (const auto& m : data.models)
        names.push_back(m.name);
    return names;
}

ComparisonSummary summarise(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& models,
                            BudgetPolicy policy)
{
    return summariseComparison(runs, compareRouters(runs, models, policy));
}

// a (times scale) equals b; both must hold a value.
bool same(const std::optional<double>& a, const std::optional<double>& b, double scale = 1)
{
    if (!a || !b)
        return false;
    return *a * scale == *b || std::abs(*a * scale - *b) <= 1e-12 * std::abs(*b);
}

// For figures that may not apply (QNC not reached): both absent, or the same.
bool sameOrBothAbsent(const std::optional<double>& a, const std::optional<double>& b)
{
    return (!a && !b) || same(a, b);
}

// Every quality figure of `b` equals `a`'s and every cost figure is k times `a`'s (exactly for k a
// power of two, where scaling rounds nothing); rows of `b` are those of `a` less `leftOut`.
void requireScaled(const ComparisonSummary& a, const ComparisonSummary& b, double k, const std::string& leftOut = "")
{
    QCOMPARE(b.modelNames[std::size_t(b.bestModel)], a.modelNames[std::size_t(a.bestModel)]);
    QVERIFY(same(a.bestSingle.quality, b.bestSingle.quality));
    QVERIFY(same(a.bestSingle.cost, b.bestSingle.cost, k));
    QVERIFY(same(a.costInterval.lo, b.costInterval.lo, k));
    QVERIFY(same(a.costInterval.hi, b.costInterval.hi, k));
    QCOMPARE(b.modelNames[std::size_t(b.mostExpensiveModel)], a.modelNames[std::size_t(a.mostExpensiveModel)]);
    QCOMPARE(b.rows.size() + (leftOut.empty() ? 0 : 1), a.rows.size());
    int compared = 0; // figures that may not apply, compared where they do
    for (const auto& row : a.rows) {
        if (row.name == leftOut)
            continue;
        const SummaryRow* other = b.row(row.name);
        QVERIFY2(other, row.name.c_str());
        const std::string where = row.name;
        for (const auto& [mine, theirs] : {std::pair{&row.auc, &other->auc}, {&row.aiq, &other->aiq}, {&row.peak, &other->peak}})
            QVERIFY2(same(mine->seeds.mean, theirs->seeds.mean), (where + " " + mine->seeds.metric).c_str());
        // QNC is absent where the quality is not reached, RCI for baselines it does not apply to.
        for (const auto& [mine, theirs] : {std::pair{&row.qnc.seeds, &other->qnc.seeds}, {&row.qnc90.seeds, &other->qnc90.seeds},
                                           {&row.qnc95.seeds, &other->qnc95.seeds}, {&row.rci.seeds, &other->rci.seeds},
                                           {&row.feasibleRci.seeds, &other->feasibleRci.seeds}, {&row.topShare, &other->topShare},
                                           {&row.rciAt95, &other->rciAt95}}) {
            QVERIFY2(sameOrBothAbsent(mine->mean, theirs->mean), (where + " " + mine->metric).c_str());
            compared += mine->mean.has_value();
        }
        QCOMPARE(other->frontier.size(), row.frontier.size());
        for (std::size_t i = 0; i < row.frontier.size(); ++i) {
            QVERIFY2(same(row.frontier[i].quality, other->frontier[i].quality), where.c_str());
            QVERIFY2(same(row.frontier[i].cost, other->frontier[i].cost, k), where.c_str());
        }
    }
    QVERIFY(compared > 0);
}

// A scores JSON with token-priced costs: queries of varied length in three tasks, three models
// whose answers differ in length, 0/1 scores with many ties.
void writeScoresJson(const std::string& path, const std::string& pricesPath, int queries)
{
    Random random(11);
    std::ofstream out(path);
    out << "[\n";
    const char* tasks[] = {"math", "code", "trivia"};
    for (int n = 0; n < queries; ++n) {
        const int task = n % 3;
        std::string question = std::string(tasks[task]) + " question " + std::to_string(n);
        for (int w = 0, words = 3 + int(random.uniform() * 40); w < words; ++w)
            question += " word" + std::to_string(int(random.uniform() * 50));
        auto score = [&](double p) { return random.uniform() < p ? 1 : 0; };
        out << (n ? ",\n" : "") << R"({"task": ")" << tasks[task] << R"(", "question": ")" << question
            << R"(", "scores": {"small": )" << score(0.4 + 0.1 * task) << R"(, "medium": )" << score(0.6)
            << R"(, "large": )" << score(0.75) << R"(}, "responses": {"small": ")" << std::string(20 + n % 7, 'a')
            << R"(", "medium": ")" << std::string(60 + n % 11, 'b') << R"(", "large": ")" << std::string(200 + 3 * task, 'c')
            << "\"}}";
    }
    out << "\n]\n";
    std::ofstream prices(pricesPath);
    prices << R"({"small": {"input_price": 0.2, "output_price": 0.6}, "medium": {"input_price": 1, "output_price": 3},)"
           << R"( "large": {"input_price": 10, "output_price": 30}})";
}

} // namespace

class TestScenario : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string project_;
    std::int64_t datasetId_ = 0;
    std::int64_t pricedId_ = 0;
    OutcomeMatrix data_;
    std::vector<ExperimentRun> runs_;   // the saved experiment, reloaded
    std::vector<ExperimentRun> priced_; // the same on the token-priced dataset

    static ExperimentSpec spec(const std::vector<std::string>& routers)
    {
        ExperimentSpec s;
        for (const auto& r : routers)
            s.routers.push_back(parseRouterSpec(r));
        s.seeds = {0, 1};
        s.featurizer.dimensions = 32;
        return s;
    }

private slots:
    void initTestCase()
    {
        project_ = (dir_.path() + "/scenario.routescope").toStdString();
        const std::string csv = (dir_.path() + "/synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv, 3, 500);
        const std::string scores = (dir_.path() + "/scores.json").toStdString();
        const std::string prices = (dir_.path() + "/prices.json").toStdString();
        writeScoresJson(scores, prices, 360);
        ProjectStore store(project_);
        datasetId_ = importDataset(store, csv, {}).datasetId;
        ImportOptions pricedOptions;
        pricedOptions.pricesPath = prices;
        pricedId_ = importDataset(store, scores, pricedOptions).datasetId;

        data_ = store.loadOutcomes(datasetId_);
        const auto trained = runExperiment({&data_, nullptr, &store, datasetId_}, {},
                                           spec({"knn", "ridge", "margin", "cascade"}));
        saveExperiment(store, "synthetic", datasetId_, std::nullopt, spec({"knn", "ridge", "margin", "cascade"}), trained);
        runs_ = loadExperiment(store, "synthetic", data_);
        QVERIFY(!runs_.front().trainRows.empty());
        QCOMPARE(runs_.front().trainRows, trained.front().trainRows);

        const OutcomeMatrix pricedData = store.loadOutcomes(pricedId_);
        const auto pricedRuns = runExperiment({&pricedData, nullptr, &store, pricedId_}, {}, spec({"knn", "cascade"}));
        saveExperiment(store, "priced", pricedId_, std::nullopt, spec({"knn", "cascade"}), pricedRuns);
        priced_ = loadExperiment(store, "priced", pricedData);
    }

    void baselineScenarioChangesNothing()
    {
        const auto models = namesOf(data_);
        const auto under = applyScenario(runs_, models, Scenario{});
        QCOMPARE(under.modelNames, models);
        requireScaled(summarise(runs_, models, BudgetPolicy::CostThreshold),
                      summarise(under.runs, models, BudgetPolicy::CostThreshold), 1);
    }

    void scalingEveryPriceScalesEveryCostFigure_data()
    {
        QTest::addColumn<double>("k");
        QTest::addColumn<int>("policy");
        QTest::newRow("x4, threshold") << 4.0 << int(BudgetPolicy::CostThreshold);
        QTest::newRow("x1/8, threshold") << 0.125 << int(BudgetPolicy::CostThreshold);
        QTest::newRow("x4, willingness to pay") << 4.0 << int(BudgetPolicy::WillingnessToPay);
    }

    void scalingEveryPriceScalesEveryCostFigure()
    {
        QFETCH(double, k);
        QFETCH(int, policy);
        const auto models = namesOf(data_);
        Scenario scenario;
        for (const auto& m : models)
            scenario.factors[m] = k;
        const auto under = applyScenario(runs_, models, scenario);
        QCOMPARE(under.runs.front().trueCosts, runs_.front().trueCosts * k);
        QCOMPARE(under.runs.front().predictedCost, runs_.front().predictedCost * k);
        // Quality figures stay, QNC among them (a ratio of costs); cost figures follow k.
        requireScaled(summarise(runs_, models, BudgetPolicy(policy)), summarise(under.runs, models, BudgetPolicy(policy)), k);
    }

    void aFactorChangesOnlyItsModelsCosts()
    {
        const auto models = namesOf(data_);
        Scenario scenario;
        scenario.factors[models[3]] = 0.1;
        const auto under = applyScenario(runs_, models, scenario);
        const auto& run = runs_.front();
        const auto& changed = under.runs.front();
        for (Eigen::Index m = 0; m < run.trueCosts.cols(); ++m) {
            const double f = m == 3 ? 0.1 : 1.0;
            QCOMPARE(changed.trueCosts.col(m), (run.trueCosts.col(m) * f).eval());
            QCOMPARE(changed.predictedCost.col(m), (run.predictedCost.col(m) * f).eval());
        }
        // What the routers learned stays.
        for (std::size_t r = 0; r < run.routers.size(); ++r)
            QCOMPARE(changed.routers[r].predictedQuality, run.routers[r].predictedQuality);
        QCOMPARE(changed.trueScores, run.trueScores);
    }

    void droppingAModelNoRouterPicksChangesNothing()
    {
        // Four models: cheap, middle, dear, and `unused`, priced as `dear` but always wrong and
        // predicted worst by every router, so nothing ever picks it.
        const int queries = 300;
        std::vector<ExperimentRun> runs;
        for (std::uint64_t seed : {0u, 1u}) {
            ExperimentRun run = test::noisyRun({"knn", "ridge", "mlp"}, 3, queries, seed);
            run.seed = seed;
            Random random(seed + 40);
            run.trueCosts = Eigen::MatrixXd::NullaryExpr(queries, 3, [&](Eigen::Index, Eigen::Index m) {
                return 1e-5 * std::pow(4.0, double(m)) * (0.8 + 0.4 * random.uniform());
            });
            run.predictedCost = run.trueCosts * 1.1;
            auto widen = [](const Eigen::MatrixXd& M, const Eigen::VectorXd& last) {
                Eigen::MatrixXd wide(M.rows(), M.cols() + 1);
                wide << M, last;
                return wide;
            };
            run.trueScores = widen(run.trueScores, Eigen::VectorXd::Zero(queries));
            run.trueCosts = widen(run.trueCosts, run.trueCosts.col(2));
            run.predictedCost = widen(run.predictedCost, run.predictedCost.col(2));
            for (auto& r : run.routers)
                r.predictedQuality = widen(r.predictedQuality, Eigen::VectorXd::Constant(queries, -1));
            runs.push_back(std::move(run));
        }
        const std::vector<std::string> models = {"cheap", "middle", "dear", "unused"};
        Scenario scenario;
        scenario.dropped = {"unused"};
        const auto under = applyScenario(runs, models, scenario);
        QCOMPARE(under.modelNames, (std::vector<std::string>{"cheap", "middle", "dear"}));
        for (const auto policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            const auto before = compareRouters(runs, models, policy);
            for (const auto& seed : before.seeds) {
                QCOMPARE(seed.oracle.selectionShare.col(3).sum(), 0.0);
                for (const auto& r : seed.routers)
                    QCOMPARE(r.selectionShare.col(3).sum(), 0.0);
            }
            requireScaled(summarise(runs, models, policy), summarise(under.runs, under.modelNames, policy), 1, "single:unused");
        }
    }

    void droppingTheBestSingleModelChangesBestSingle()
    {
        const auto models = namesOf(data_);
        const auto before = summarise(runs_, models, BudgetPolicy::CostThreshold);
        const std::string best = models[std::size_t(before.bestModel)];
        Scenario scenario;
        scenario.dropped = {best};
        const auto under = applyScenario(runs_, models, scenario);
        const auto after = summarise(under.runs, under.modelNames, BudgetPolicy::CostThreshold);
        const std::string next = under.modelNames[std::size_t(after.bestModel)];
        QVERIFY(next != best);
        QVERIFY(!after.row("single:" + best));
        // The best of those left: the highest quality of the remaining single-model rows.
        double highest = -1;
        for (const auto& m : under.modelNames) {
            QVERIFY(after.row("single:" + m)->peak.seeds.mean);
            highest = std::max(highest, *after.row("single:" + m)->peak.seeds.mean);
        }
        QCOMPARE(*after.row("single:" + next)->peak.seeds.mean, highest);
        QVERIFY(after.bestSingle.quality <= before.bestSingle.quality);
        QVERIFY(after.row("oracle")->peak.seeds.mean.has_value() && before.row("oracle")->peak.seeds.mean.has_value());
        QVERIFY(*after.row("oracle")->peak.seeds.mean <= *before.row("oracle")->peak.seeds.mean);
        // No router chooses the dropped model: every share row has one column per model left.
        const auto comparison = compareRouters(under.runs, under.modelNames, BudgetPolicy::CostThreshold);
        for (const auto& r : comparison.seeds.front().routers)
            QCOMPARE(r.selectionShare.cols(), Eigen::Index(models.size() - 1));
    }

    void cascadesKeepTheirTrainedOrderLessTheDroppedModels()
    {
        const auto models = namesOf(data_);
        const TrainedRouter* cascade = nullptr;
        for (const auto& r : runs_.front().routers)
            if (r.spec.kind == "cascade")
                cascade = &r;
        QVERIFY(cascade);
        const auto& order = dynamic_cast<const CascadeRouter&>(*cascade->router.value()).order();
        Scenario scenario;
        scenario.dropped = {models[std::size_t(order.front())]};
        scenario.factors[models[std::size_t(order.back())]] = 1e-3; // the dearest made cheapest: order stays
        const auto under = applyScenario(runs_, models, scenario);
        for (const auto& r : under.runs.front().routers) {
            if (r.spec.kind != "cascade") {
                QVERIFY(r.router.empty());
                continue;
            }
            std::vector<std::string> expected, got;
            for (std::size_t i = 1; i < order.size(); ++i)
                expected.push_back(models[std::size_t(order[i])]);
            for (const int m : dynamic_cast<const CascadeRouter&>(*r.router.value()).order())
                got.push_back(under.modelNames[std::size_t(m)]);
            QCOMPARE(got, expected);
        }
        // Evaluated like any run: its sweep calls only models of the pool.
        const auto comparison = compareRouters(under.runs, under.modelNames, BudgetPolicy::CostThreshold);
        QCOMPARE(comparison.seeds.front().routers.back().selectionShare.cols(), Eigen::Index(models.size() - 1));
    }

    void newPricesEqualToTheOldOnesChangeNothing()
    {
        ProjectStore store(project_, ProjectStore::Access::ReadOnly);
        OutcomeMatrix data = store.loadOutcomes(pricedId_);
        store.loadTokenCounts(pricedId_, data);
        const auto models = namesOf(data);
        QCOMPARE(models, (std::vector<std::string>{"small", "medium", "large"}));
        Scenario same;
        same.prices["large"] = {10, 30};
        const auto under = applyScenario(priced_, models, same, {&data, &data});
        QCOMPARE(under.runs.front().trueCosts, priced_.front().trueCosts);
        QCOMPARE(under.runs.front().predictedCost, priced_.front().predictedCost);

        // Twice the prices per token: exactly a factor of 2, true and predicted.
        Scenario doubled, factor;
        doubled.prices["large"] = {20, 60};
        factor.factors["large"] = 2;
        const auto a = applyScenario(priced_, models, doubled, {&data, &data});
        const auto b = applyScenario(priced_, models, factor);
        QCOMPARE(a.runs.front().trueCosts, b.runs.front().trueCosts);
        QCOMPARE(a.runs.front().predictedCost, b.runs.front().predictedCost);
        // The same outcomes as the workbench and the command line load them from the project.
        const auto saved = findExperiment(store, "priced");
        QVERIFY(saved);
        const ScenarioPricing loaded = loadScenarioPricing(store, *saved);
        QVERIFY(loaded.train.models.empty()); // it split one dataset
        QCOMPARE(applyScenario(priced_, models, doubled, loaded.data()).runs.front().trueCosts, a.runs.front().trueCosts);

        // Cheaper output only: the answers' cost falls, the prompt's stays.
        Scenario output;
        output.prices["large"] = {10, 3};
        const auto c = applyScenario(priced_, models, output, {&data, &data});
        const auto& rows = priced_.front().testRows;
        const Eigen::VectorXd expected =
            (data.inputTokens(rows, 2) * 10 + data.outputTokens(rows, 2) * 3) / 1e6;
        QCOMPARE(c.runs.front().trueCosts.col(2), expected);
        // The predicted cost falls as the true cost does (the cost model fitted on the new costs).
        const double trueRatio = c.runs.front().trueCosts.col(2).mean() / priced_.front().trueCosts.col(2).mean();
        const double predictedRatio = c.runs.front().predictedCost.col(2).mean() / priced_.front().predictedCost.col(2).mean();
        QVERIFY(trueRatio < 0.5);
        QVERIFY2(std::abs(predictedRatio / trueRatio - 1) < 0.05, qPrintable(QString::number(predictedRatio / trueRatio)));
    }

    void newPricesNeedTokenCountsAndTrainingRows()
    {
        const auto models = namesOf(data_);
        Scenario scenario;
        scenario.prices[models[0]] = {1, 2};
        // The wide sample has no responses: no output token counts.
        ProjectStore store(project_, ProjectStore::Access::ReadOnly);
        OutcomeMatrix data = store.loadOutcomes(datasetId_);
        store.loadTokenCounts(datasetId_, data);
        try {
            applyScenario(runs_, models, scenario, {&data, &data});
            QFAIL("priced without token counts");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("give it a price factor instead") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, applyScenario(runs_, models, scenario));
        // Runs saved before training rows were kept cannot be repriced per token.
        OutcomeMatrix pricedData = store.loadOutcomes(pricedId_);
        store.loadTokenCounts(pricedId_, pricedData);
        auto old = loadExperiment(store, "priced", pricedData);
        for (auto& run : old)
            run.trainRows.clear();
        Scenario large;
        large.prices["large"] = {1, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, applyScenario(old, namesOf(pricedData), large, {&pricedData, &pricedData}));
    }

    void badScenariosAreRefused_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown model") << "unknown" << "no model 'gpt-5'";
        QTest::newRow("zero factor") << "zero" << "positive finite number";
        QTest::newRow("infinite factor") << "inf" << "positive finite number";
        QTest::newRow("negative price") << "price" << "must be in [0, 1000000]";
        QTest::newRow("factor and prices") << "both" << "give one of them";
        QTest::newRow("every model dropped") << "all" << "drops every model";
    }

    void badScenariosAreRefused()
    {
        QFETCH(QString, problem);
        QFETCH(QString, message);
        const auto models = namesOf(data_);
        Scenario s;
        if (problem == "unknown")
            s.factors["gpt-5"] = 2;
        if (problem == "zero")
            s.factors[models[0]] = 0;
        if (problem == "inf")
            s.factors[models[0]] = INFINITY;
        if (problem == "price")
            s.prices[models[0]] = {-1, 2};
        if (problem == "both") {
            s.factors[models[0]] = 2;
            s.prices[models[0]] = {1, 2};
        }
        if (problem == "all")
            s.dropped = std::set<std::string>(models.begin(), models.end());
        try {
            checkScenario(s, models);
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find(message.toStdString()) != std::string::npos, e.what());
        }
    }

    void scenarioRoundTripsThroughTheProject()
    {
        const auto models = namesOf(data_);
        Scenario scenario;
        scenario.name = "cheap dear model";
        scenario.factors[models[5]] = 0.1;
        scenario.prices[models[1]] = {0.5, 1.5};
        scenario.dropped = {models[2], models[7]};
        {
            ProjectStore store(project_);
            saveScenario(store, "synthetic", scenario);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveScenario(store, "synthetic", scenario));
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveScenario(store, "no such experiment", scenario));
        }
        ProjectStore store(project_, ProjectStore::Access::ReadOnly);
        const auto loaded = loadScenario(store, "synthetic", "cheap dear model");
        QVERIFY(loaded);
        QVERIFY(*loaded == scenario);
        QCOMPARE(listScenarios(store, "synthetic").size(), std::size_t(1));
        QVERIFY(listScenarios(store, "priced").empty());
    }

    void savedScenarioIsReplacedOnlyWhenAsked()
    {
        ProjectStore store(project_);
        Scenario first;
        first.name = "pool";
        first.dropped = {namesOf(data_)[0]};
        saveScenario(store, "synthetic", first);
        Scenario second = first;
        second.dropped = {namesOf(data_)[1]};
        saveScenario(store, "synthetic", second, true);
        QVERIFY(*loadScenario(store, "synthetic", "pool") == second);
        removeScenario(store, "synthetic", "pool");
        QVERIFY(!loadScenario(store, "synthetic", "pool"));
    }

    void aScenarioDatasetHoldsTheDatasetUnderTheScenario()
    {
        ProjectStore store(project_);
        const auto models = namesOf(data_);
        Scenario scenario;
        scenario.factors[models[0]] = 2;
        scenario.dropped = {models[1]};
        const auto id = saveScenarioDataset(store, datasetId_, scenario, "synthetic @ test");
        const OutcomeMatrix copy = store.loadOutcomes(id);
        const OutcomeMatrix expected = outcomesUnderScenario(data_, scenario);
        QCOMPARE(namesOf(copy), namesOf(expected));
        QCOMPARE(copy.costs, expected.costs);
        QCOMPARE(copy.scores, expected.scores);
        QCOMPARE(copy.queries.back().sampleId, data_.queries.back().sampleId);
        QCOMPARE(copy.queries.back().text, data_.queries.back().text);
        store.removeDataset(id);
    }

    void runsSavedBeforeScenariosHaveNoTrainingRows()
    {
        // A v3 project takes the scenario tables on its upgrade; its runs have no training rows.
        const std::string file = (dir_.path() + "/v3.routescope").toStdString();
        const std::vector<std::string_view> v3(schema::kMigrations.begin(), schema::kMigrations.begin() + 3);
        { ProjectStore old(file, ProjectStore::Access::ReadWrite, v3); }
        ProjectStore store(file);
        auto tables = store.database().prepare(
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('scenarios', 'scenario_models', 'scenarios_follow_experiment')");
        QVERIFY(tables.step());
        QCOMPARE(tables.int64(0), 3);
        // A run as an older build saved it: without training rows.
        ProjectStore project(project_);
        project.database().exec("UPDATE experiment_runs SET train_rows = NULL WHERE label = 'priced'");
        for (const auto& saved : listExperiments(project))
            QCOMPARE(saved.trainingRows, saved.label != "priced");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadScenarioPricing(project, *findExperiment(project, "priced")));
        const OutcomeMatrix data = project.loadOutcomes(pricedId_);
        QVERIFY(loadExperiment(project, "priced", data).front().trainRows.empty());
    }

    void scenariosFollowARenamedExperiment()
    {
        ProjectStore store(project_);
        Scenario cheap;
        cheap.name = "cheap";
        cheap.factors[namesOf(data_)[0]] = 0.5;
        saveScenario(store, "synthetic", cheap);
        renameExperiment(store, "synthetic", "synthetic renamed");
        QVERIFY(listScenarios(store, "synthetic").empty());
        const auto moved = loadScenario(store, "synthetic renamed", "cheap");
        QVERIFY(moved);
        QVERIFY(*moved == cheap);
        // A new experiment under the old label starts with no scenarios; the renamed one keeps its own.
        const auto knn = runExperiment({&data_, nullptr, &store, datasetId_}, {}, spec({"knn"}));
        saveExperiment(store, "synthetic", datasetId_, std::nullopt, spec({"knn"}), knn);
        QVERIFY(listScenarios(store, "synthetic").empty());
        removeExperiment(store, "synthetic");
        QVERIFY(loadScenario(store, "synthetic renamed", "cheap"));
        renameExperiment(store, "synthetic renamed", "synthetic");
        QVERIFY(loadScenario(store, "synthetic", "cheap"));
        removeScenario(store, "synthetic", "cheap");
    }

    void scenariosGoWithTheirExperiment()
    {
        ProjectStore store(project_);
        Scenario kept;
        kept.name = "kept";
        kept.factors["large"] = 3;
        saveScenario(store, "priced", kept);
        Scenario gone;
        gone.name = "gone";
        gone.dropped = {namesOf(data_)[0]};
        saveScenario(store, "synthetic", gone);
        removeExperiment(store, "synthetic");
        QVERIFY(listScenarios(store, "synthetic").empty());
        QCOMPARE(listScenarios(store, "priced").size(), std::size_t(1));
        // Removing a dataset removes its experiments, and they their scenarios.
        store.removeDataset(pricedId_);
        QVERIFY(listScenarios(store, "priced").empty());
        auto rows = store.database().prepare("SELECT COUNT(*) FROM scenario_models");
        QVERIFY(rows.step());
        QCOMPARE(rows.int64(0), 0);
    }

    void retrainingDataFollowsTheScenario()
    {
        ProjectStore store(project_, ProjectStore::Access::ReadOnly);
        const auto models = namesOf(data_);
        Scenario scenario;
        scenario.factors[models[0]] = 2;
        scenario.dropped = {models[1]};
        const OutcomeMatrix under = outcomesUnderScenario(data_, scenario);
        QCOMPARE(under.modelCount(), data_.modelCount() - 1);
        QCOMPARE(under.models[0].name, models[0]);
        QCOMPARE(under.models[1].name, models[2]);
        QCOMPARE(under.costs.col(0), (data_.costs.col(0) * 2).eval());
        QCOMPARE(under.scores.col(1), data_.scores.col(2));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "test_scenario.moc"
