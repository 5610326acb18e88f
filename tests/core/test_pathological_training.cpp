// Training on data with nothing (or almost nothing) to learn: every router kind finishes, the
// comparison's metrics are finite, and the experiment says why the result means little.

#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "routers/router_factory.h"
#include "test_support.h"

#include <QTest>

#include <cmath>

using namespace routescope;

Q_DECLARE_METATYPE(std::string)

namespace {

// `queries` queries over `models` models; score and cost of (n, m) from the given rules.
template <typename Score, typename Cost>
OutcomeMatrix makeData(int queries, int models, Score score, Cost cost)
{
    OutcomeMatrix data;
    for (int m = 0; m < models; ++m)
        data.models.push_back({"model-" + std::to_string(m), std::nullopt, std::nullopt});
    data.scores.resize(queries, models);
    data.costs.resize(queries, models);
    for (int n = 0; n < queries; ++n) {
        data.queries.push_back({"q" + std::to_string(n), "question number " + std::to_string(n) + " on topic " +
                                                             std::to_string(n % 5), n % 2 ? "odd" : "even"});
        for (int m = 0; m < models; ++m) {
            data.scores(n, m) = score(n, m);
            data.costs(n, m) = cost(n, m);
        }
    }
    return data;
}

OutcomeMatrix pathological(const std::string& name)
{
    auto cheapToDear = [](int, int m) { return 0.001 * (m + 1); };
    if (name == "all scores equal")
        return makeData(60, 3, [](int, int) { return 1.0; }, cheapToDear);
    if (name == "one model")
        return makeData(60, 1, [](int n, int) { return n % 3 == 0 ? 1.0 : 0.0; }, cheapToDear);
    if (name == "zero costs")
        return makeData(60, 3, [](int n, int m) { return (n + m) % 2 ? 1.0 : 0.0; }, [](int, int) { return 0.0; });
    return makeData(2, 3, [](int n, int m) { return (n + m) % 2 ? 1.0 : 0.0; }, cheapToDear); // two queries
}

bool contains(const std::vector<std::string>& warnings, const std::string& part)
{
    for (const auto& w : warnings)
        if (w.find(part) != std::string::npos)
            return true;
    return false;
}

bool allFinite(const RouterEvaluation& e)
{
    bool finite = std::isfinite(e.auc) && std::isfinite(e.aiq) && std::isfinite(e.peak) && std::isfinite(e.rci) &&
                  std::isfinite(e.feasibleRci) && std::isfinite(e.smallMarginRate) && e.selectionShare.allFinite();
    for (const auto& point : e.frontier)
        finite = finite && std::isfinite(point.cost) && std::isfinite(point.quality);
    for (const auto& metric : {e.qnc, e.qnc90, e.qnc95})
        finite = finite && (!metric || std::isfinite(*metric));
    return finite;
}

} // namespace

class TestPathologicalTraining : public QObject {
    Q_OBJECT

private slots:
    void everyRouterFinishesWithAWarning_data()
    {
        QTest::addColumn<std::string>("data");
        QTest::addColumn<std::string>("warning");
        QTest::newRow("all scores equal") << std::string("all scores equal") << std::string("all scores equal");
        QTest::newRow("one model") << std::string("one model") << std::string("only one model");
        QTest::newRow("zero costs") << std::string("zero costs") << std::string("every cost is 0");
        QTest::newRow("two queries") << std::string("two queries") << std::string("only 1 training query");
    }

    void everyRouterFinishesWithAWarning()
    {
        QFETCH(std::string, data);
        QFETCH(std::string, warning);
        const OutcomeMatrix outcomes = pathological(data);
        ExperimentSpec spec;
        for (const auto& kind : learnedRouterKinds())
            spec.routers.push_back(parseRouterSpec(kind == "equirouter" ? "equirouter:epochs=2:min_steps=0:embedding=16:head=32:threads=1" : kind));
        spec.seeds = {0, 1};
        spec.featurizer.dimensions = 16;
        const auto runs = runExperiment({&outcomes}, {}, spec);
        QCOMPARE(runs.size(), std::size_t(2));
        for (const auto& run : runs) {
            QVERIFY2(contains(run.warnings, warning), qPrintable(QString::fromStdString(
                                                          run.warnings.empty() ? "no warning" : run.warnings[0])));
            QVERIFY(run.predictedCost.allFinite());
            for (const auto& r : run.routers)
                QVERIFY2(r.predictedQuality.allFinite(), r.spec.name.c_str());
        }
        std::vector<std::string> modelNames;
        for (const auto& m : outcomes.models)
            modelNames.push_back(m.name);
        for (const auto policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            const auto comparison = compareRouters(runs, modelNames, policy, 10);
            for (const auto& seed : comparison.seeds) {
                QVERIFY(allFinite(seed.oracle));
                for (const auto& r : seed.routers)
                    QVERIFY2(allFinite(r), r.router.c_str());
            }
        }
    }

    void usefulDataHasNoWarning()
    {
        const auto outcomes = makeData(60, 3, [](int n, int m) { return (n + m) % 3 ? 1.0 : 0.0; },
                                       [](int, int m) { return 0.001 * (m + 1); });
        ExperimentSpec spec;
        spec.routers.push_back(parseRouterSpec("ridge"));
        spec.featurizer.dimensions = 16;
        const auto runs = runExperiment({&outcomes}, {}, spec);
        QVERIFY(runs[0].warnings.empty());
    }
};

QTEST_GUILESS_MAIN(TestPathologicalTraining)
#include "test_pathological_training.moc"
