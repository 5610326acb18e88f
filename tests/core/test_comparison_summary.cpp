// The comparison summary: the paired bootstrap on hand-worked cases (a router identical to the
// reference, a router better on every query), the zero router's figures by hand, the best single
// model decided once over seeds, and the summary agreeing with the per-seed evaluations.

#include "evaluation/bootstrap.h"
#include "evaluation_example.h"
#include "experiment/comparison.h"
#include "import/importer.h"
#include "report/comparison_summary.h"
#include "report/summary_latex.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace routescope;

namespace {

// A run tested on all rows of the given truth, each router predicting P (cost predicted exactly).
ExperimentRun handRun(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                      const std::vector<std::tuple<std::string, std::string, Eigen::MatrixXd>>& routers,
                      std::uint64_t seed = 0)
{
    ExperimentRun run;
    run.seed = seed;
    run.trueScores = A;
    run.trueCosts = K;
    run.predictedCost = K;
    for (Eigen::Index n = 0; n < A.rows(); ++n)
        run.testRows.push_back(n);
    for (const auto& [name, kind, P] : routers)
        run.routers.push_back({{name, kind, {}}, {}, P, 0.0});
    return run;
}

// Runs are not copyable (they own trained routers): moved into the vector one by one.
template <typename... Runs>
std::vector<ExperimentRun> runsOf(Runs&&... runs)
{
    std::vector<ExperimentRun> out;
    (out.push_back(std::move(runs)), ...);
    return out;
}

std::vector<std::string> modelNames(Eigen::Index models)
{
    std::vector<std::string> names;
    for (Eigen::Index m = 0; m < models; ++m)
        names.push_back("m" + std::to_string(m));
    return names;
}

ComparisonSummary summarise(const std::vector<ExperimentRun>& runs, int resamples,
                            std::optional<std::string> reference = std::nullopt, std::uint64_t seed = 0)
{
    SummaryOptions options;
    options.bootstrap = {resamples, seed};
    options.reference = std::move(reference);
    const auto names = modelNames(runs.front().trueScores.cols());
    return summariseComparison(runs, compareRouters(runs, names, BudgetPolicy::CostThreshold), options);
}

Eigen::MatrixXd uniform(Eigen::Index rows, Eigen::Index cols, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> u(0, 1);
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            m(i, j) = u(rng);
    return m;
}

} // namespace

class TestComparisonSummary : public QObject {
    Q_OBJECT

private slots:
    void resamplesAreSeededDrawsOfEveryQuery()
    {
        const Eigen::VectorXd a = resampleCounts(500, 7, 0, 3);
        QCOMPARE(a.sum(), 500.0);
        QVERIFY((a.array() >= 0).all());
        QVERIFY(a == resampleCounts(500, 7, 0, 3));   // the same (seed, stream, index): the same draws
        QVERIFY(a != resampleCounts(500, 7, 0, 4));   // another resample
        QVERIFY(a != resampleCounts(500, 7, 1, 3));   // another test set's stream
        QVERIFY(a != resampleCounts(500, 8, 0, 3));   // another bootstrap seed
        // About 1 - 1/e of the queries are drawn at least once.
        const double drawn = double((a.array() > 0).count()) / 500.0;
        QVERIFY2(drawn > 0.58 && drawn < 0.68, qPrintable(QString::number(drawn)));
        QCOMPARE(resampleRuns(1, 7, 5), std::vector<int>{0});
        const auto runs = resampleRuns(3, 7, 5);
        QCOMPARE(runs.size(), std::size_t(3));
        QCOMPARE(runs, resampleRuns(3, 7, 5));
    }

    void contributionsReproduceTheFrontierAndReweightIt()
    {
        const test::EvaluationExample ex;
        const BudgetSweep sweep = sweepBudgets(BudgetPolicy::CostThreshold, ex.P, ex.C, ex.A, ex.K, 100);
        QueryContributions contributions(5);
        const Eigen::Index cost = contributions.addChosen(sweep.choices, ex.K);
        const Eigen::Index quality = contributions.addChosen(sweep.choices, ex.A);
        const Eigen::Index column = contributions.addColumn(ex.A.col(2));
        QCOMPARE(contributions.columns(), 2 * Eigen::Index(sweep.budgets.size()) + 1);

        Eigen::MatrixXd weights(2, 5);
        weights << 1, 1, 1, 1, 1, //
            2, 0, 1, 0, 3;
        const Eigen::MatrixXd means = contributions.weightedMeans(weights);
        for (Eigen::Index b = 0; b < Eigen::Index(sweep.budgets.size()); ++b) {
            QVERIFY(std::abs(means(0, cost + b) - sweep.frontier[std::size_t(b)].cost) < 1e-12);
            QVERIFY(std::abs(means(0, quality + b) - sweep.frontier[std::size_t(b)].quality) < 1e-12);
            double weightedCost = 0, weightedQuality = 0;
            for (Eigen::Index n = 0; n < 5; ++n) {
                weightedCost += weights(1, n) * ex.K(n, sweep.choices(b, n));
                weightedQuality += weights(1, n) * ex.A(n, sweep.choices(b, n));
            }
            QVERIFY(std::abs(means(1, cost + b) - weightedCost / 6) < 1e-12);
            QVERIFY(std::abs(means(1, quality + b) - weightedQuality / 6) < 1e-12);
        }
        QCOMPARE(means(0, column), 1.0);
        QCOMPARE(means(1, column), 1.0);
    }

    void percentileIntervalAndPValueByHand()
    {
        // Linear between order statistics: 2.5 % of the way from 1 to 5 is 1.1, 97.5 % is 4.9.
        const auto [lo, hi] = percentileInterval({5, 1, 3, 2, 4});
        QVERIFY(std::abs(lo - 1.1) < 1e-12 && std::abs(hi - 4.9) < 1e-12);
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(percentileInterval({1, 2, inf, inf}).second, inf); // not reached sorts last
        QCOMPARE(bootstrapPValue(std::vector<double>(1000, 0.0)), 1.0);
        QCOMPARE(bootstrapPValue(std::vector<double>(1000, 0.3)), 2.0 / 1001);
        QCOMPARE(bootstrapPValue(std::vector<double>(1000, -0.3)), 2.0 / 1001);
        std::vector<double> half(1000, 1.0);
        std::fill(half.begin(), half.begin() + 500, -1.0);
        QCOMPARE(bootstrapPValue(half), 1.0);
        std::vector<double> tail(999, 1.0);
        tail.push_back(-1.0); // one resample of 1000 on the other side: 2 * (1 + 1) / (1000 + 1)
        QCOMPARE(bootstrapPValue(tail), 4.0 / 1001);
    }

    void aRouterIdenticalToTheReferenceDiffersByZeroWithPOne()
    {
        std::mt19937_64 rng(3);
        const Eigen::MatrixXd A = (uniform(300, 4, rng).array() < 0.6).cast<double>().matrix();
        Eigen::MatrixXd K = uniform(300, 4, rng) * 1e-3;
        for (Eigen::Index m = 0; m < 4; ++m)
            K.col(m).array() += 1e-3 * double(m);
        const Eigen::MatrixXd P = A + 0.8 * uniform(300, 4, rng);
        const auto runs = runsOf(handRun(A, K, {{"ridge", "ridge", P}, {"twin", "knn", P}}));
        const ComparisonSummary s = summarise(runs, 300, "ridge");
        QCOMPARE(s.reference, std::string("ridge"));
        QVERIFY(s.referenceChosen);
        const Versus* v = s.versusOf("twin");
        QVERIFY(v);
        QCOMPARE(v->auc.estimate.value(), 0.0);
        QCOMPARE(v->auc.ci95->lo, 0.0);
        QCOMPARE(v->auc.ci95->hi.value(), 0.0);
        QCOMPARE(v->auc.p.value(), 1.0);
        QVERIFY(!v->auc.significant());
        for (const Difference* saving : {&v->saving90, &v->saving95})
            if (saving->estimate) {
                QCOMPARE(*saving->estimate, 0.0);
                QCOMPARE(saving->p.value(), 1.0);
            }
        QVERIFY(!s.versusOf("ridge")); // not against itself
    }

    void aRouterBetterOnEveryQueryIsSignificant()
    {
        // Two models, cheap (1) and dear (1.5); each query is answered by exactly one of them.
        const Eigen::Index n = 100;
        Eigen::MatrixXd A(n, 2), K(n, 2);
        for (Eigen::Index q = 0; q < n; ++q) {
            A(q, 0) = double(q % 2);
            A(q, 1) = 1.0 - double(q % 2);
            K(q, 0) = 1.0;
            K(q, 1) = 1.5;
        }
        const Eigen::MatrixXd good = A, bad = Eigen::MatrixXd::Ones(n, 2) - A;
        const auto runs = runsOf(handRun(A, K, {{"good", "equirouter", good}, {"bad", "ridge", bad}}));
        const ComparisonSummary s = summarise(runs, 1000);
        QCOMPARE(s.reference, std::string("bad")); // the only regression router
        QVERIFY(!s.referenceChosen);
        // By hand, over the cost interval [1, 1.5]: both start at (1, 0.5); good reaches (1.25, 1),
        // bad only adds (1.25, 0). AUC(good) = (0.25 * 0.75 + 0.25 * 1) / 0.5 = 0.875, AUC(bad) = 0.5.
        QVERIFY(std::abs(s.row("good")->auc.seeds.mean.value() - 0.875) < 1e-12);
        QVERIFY(std::abs(s.row("bad")->auc.seeds.mean.value() - 0.5) < 1e-12);
        const Versus* v = s.versusOf("good");
        QVERIFY(std::abs(v->auc.estimate.value() - 0.375) < 1e-12);
        QVERIFY2(v->auc.p.value() < 0.01, qPrintable(QString::number(*v->auc.p)));
        QVERIFY(v->auc.significant());
        QVERIFY(v->auc.ci95->lo > 0.2);
        // Every resample draws both kinds of query, so the band of good's last point is 1 exactly.
        QCOMPARE(s.row("good")->bands.front().back().lo, 1.0);
    }

    void zeroRouterByHand()
    {
        // m0 (cost 1) answers queries 0-4, m1 (cost 2) queries 0-5, m2 (cost 4) all ten: single
        // points (1, 0.5), (2, 0.6), (4, 1). (2, 0.6) lies under the chord from (1, 0.5) to (4, 1),
        // so the zero router is that chord.
        Eigen::MatrixXd A = Eigen::MatrixXd::Zero(10, 3), K(10, 3);
        for (Eigen::Index q = 0; q < 10; ++q) {
            A(q, 0) = q < 5;
            A(q, 1) = q < 6;
            A(q, 2) = 1;
            K.row(q) << 1, 2, 4;
        }
        const ComparisonSummary s = summarise(runsOf(handRun(A, K, {})), 200);
        QCOMPARE(s.costInterval.lo, 1.0);
        QCOMPARE(s.costInterval.hi, 4.0);
        const SummaryRow* zero = s.row("zero");
        QVERIFY(zero);
        QCOMPARE(zero->kind, RowKind::Baseline);
        QCOMPARE(zero->auc.seeds.mean.value(), 0.75); // a line from 0.5 to 1 over [1, 4]
        QCOMPARE(zero->peak.seeds.mean.value(), 1.0);
        QCOMPARE(zero->qnc95.seeds.mean.value(), 1.0); // only m2 itself reaches 0.95
        QCOMPARE(zero->rci.seeds.mean.value(), 0.6);   // m2 where a cheaper model is right too
        QCOMPARE(zero->topShare.mean.value(), 1.0);
        QCOMPARE(zero->rciAt95.mean.value(), 0.6);
        QCOMPARE(zero->frontier.size(), std::size_t(2));
        const SummaryRow* m1 = s.row("single:m1");
        QVERIFY(std::abs(m1->auc.seeds.mean.value() - 0.6 * 2 / 3) < 1e-12); // 0.6 from cost 2 to 4
        QVERIFY(!m1->qnc90.seeds.mean);
        QCOMPARE(m1->qnc90.seeds.reached, 0);
        QCOMPARE(m1->trainSeconds.seeds, 0); // not applicable
        QCOMPARE(s.rows.back().name, std::string("oracle"));
        QCOMPARE(s.rows.back().kind, RowKind::Oracle);
        QCOMPARE(s.reference, std::string("zero")); // no regression router
        QVERIFY(s.versus.empty());
    }

    void bestSingleModelIsDecidedOnceOverSeeds()
    {
        // Seed 0: m0 right on 6 of 10, m1 on 5; seed 1: m0 on 4, m1 on 9. Averaged, m1 is best.
        auto truth = [](int right0, int right1) {
            Eigen::MatrixXd A = Eigen::MatrixXd::Zero(10, 2), K(10, 2);
            for (Eigen::Index q = 0; q < 10; ++q) {
                A(q, 0) = q < right0;
                A(q, 1) = q < right1;
                K.row(q) << 1, 2;
            }
            return std::pair{A, K};
        };
        const auto [A0, K0] = truth(6, 5);
        const auto [A1, K1] = truth(4, 9);
        const auto runs = runsOf(handRun(A0, K0, {}, 0), handRun(A1, K1, {}, 1));
        const Comparison c = compareRouters(runs, modelNames(2), BudgetPolicy::CostThreshold);
        QCOMPARE(c.bestModel, 1);
        for (const auto& seed : c.seeds)
            QCOMPARE(seed.reference.bestSingle.model, 1);
        const ComparisonSummary s = summariseComparison(runs, c, {});
        QCOMPARE(s.bestSingle.quality, 0.7);
        // On seed 0 the yardstick is m1's 0.5, which m0 alone exceeds: QNC of m0 is 1/2 there.
        QCOMPARE(s.row("single:m0")->qnc.seeds.reached, 1);
        QCOMPARE(s.row("single:m0")->qnc.seeds.mean.value(), 0.5);
        QVERIFY(!s.sharedTestSet || runs[0].testRows == runs[1].testRows);
    }

    void summaryAgreesWithTheEvaluationsAndIsDeterministic()
    {
        QTemporaryDir dir;
        const std::string csv = (dir.path() + "/synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv, 12, 500);
        ProjectStore store((dir.path() + "/p.routescope").toStdString());
        const OutcomeMatrix data = store.loadOutcomes(importDataset(store, csv, {}).datasetId);
        ExperimentSpec spec;
        for (const char* r : {"random", "knn", "ridge", "equirouter:epochs=1:select=none:trunk=32:embedding=8:head=16:threads=1"})
            spec.routers.push_back(parseRouterSpec(r));
        spec.seeds = {0, 1};
        spec.featurizer.dimensions = 32;
        const auto runs = runExperiment({&data}, {}, spec);
        std::vector<std::string> names;
        for (const auto& m : data.models)
            names.push_back(m.name);
        const Comparison c = compareRouters(runs, names, BudgetPolicy::WillingnessToPay);
        SummaryOptions options;
        options.bootstrap = {200, 5};
        const ComparisonSummary s = summariseComparison(runs, c, options);
        QVERIFY(!s.sharedTestSet); // each seed splits anew

        // Rows: learned routers as listed, then random, zero, every single model, the oracle.
        std::vector<std::string> rows;
        for (const auto& r : s.rows)
            rows.push_back(r.name);
        QCOMPARE(rows.front(), std::string("knn"));
        QCOMPARE(rows[3], std::string("random"));
        QCOMPARE(rows[4], std::string("zero"));
        QCOMPARE(rows.size(), std::size_t(3 + 1 + 1 + names.size() + 1));
        QCOMPARE(s.row("random")->kind, RowKind::Baseline);
        QCOMPARE(s.row("knn")->regression, true);
        QCOMPARE(s.row("equirouter:epochs=1:select=none:trunk=32:embedding=8:head=16:threads=1")->regression, false);

        // Point estimates are the seed means of the per-seed evaluations.
        for (std::size_t r = 0; r < c.routerNames.size(); ++r) {
            const SummaryRow* row = s.row(c.routerNames[r]);
            double auc = 0, rci = 0;
            for (const auto& seed : c.seeds) {
                auc += seed.routers[r].auc / 2;
                rci += seed.routers[r].rci / 2;
            }
            QVERIFY(std::abs(row->auc.seeds.mean.value() - auc) < 1e-12);
            QVERIFY(std::abs(row->rci.seeds.mean.value() - rci) < 1e-12);
            QVERIFY(row->auc.ci95 && row->auc.ci95->lo <= *row->auc.ci95->hi);
            QCOMPARE(row->bands.size(), std::size_t(2));
            QCOMPARE(row->bands[0].size(), c.seeds[0].routers[r].frontier.size());
        }
        QCOMPARE(s.versus.size(), std::size_t(2)); // knn or ridge is the reference; the other two learned
        QCOMPARE(s.reference, s.row("knn")->auc.seeds.mean > s.row("ridge")->auc.seeds.mean ? "knn" : "ridge");

        // The same seed gives the same intervals; another seed other ones.
        const ComparisonSummary again = summariseComparison(runs, c, options);
        options.bootstrap.seed = 6;
        const ComparisonSummary other = summariseComparison(runs, c, options);
        for (std::size_t i = 0; i < s.rows.size(); ++i) {
            QCOMPARE(again.rows[i].auc.ci95->lo, s.rows[i].auc.ci95->lo);
            QCOMPARE(again.rows[i].rci.ci95->hi, s.rows[i].rci.ci95->hi);
        }
        QCOMPARE(again.versus.front().auc.p, s.versus.front().auc.p);
        QVERIFY(other.row("knn")->auc.ci95->lo != s.row("knn")->auc.ci95->lo);

        // Without bootstrap: the same point estimates, no intervals.
        options.bootstrap.resamples = 0;
        const ComparisonSummary points = summariseComparison(runs, c, options);
        QCOMPARE(points.row("ridge")->auc.seeds.mean, s.row("ridge")->auc.seeds.mean);
        QVERIFY(!points.row("ridge")->auc.ci95 && points.row("ridge")->bands.empty() && !points.versus.front().auc.p);
    }

    void referenceMustBeARowButNotTheOracle()
    {
        const std::vector<RouterSpec> routers = {parseRouterSpec("knn"), parseRouterSpec("equirouter")};
        const std::vector<std::string> models = {"small", "big"};
        QCOMPARE(summaryRowNames(routers, models),
                 (std::vector<std::string>{"knn", "equirouter", "zero", "single:small", "single:big", "oracle"}));
        checkReference("knn", routers, models);
        checkReference("zero", routers, models);
        checkReference("single:big", routers, models);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkReference("oracle", routers, models));
        try {
            checkReference("nosuch", routers, models);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("'nosuch'") && QString(e.what()).contains("knn, equirouter"), e.what());
        }
    }

    void latexTableSetsBaselinesApartAndMarksSignificance()
    {
        const Eigen::Index n = 100;
        Eigen::MatrixXd A(n, 2), K(n, 2);
        for (Eigen::Index q = 0; q < n; ++q) {
            A.row(q) << double(q % 2), 1.0 - double(q % 2);
            K.row(q) << 1.0, 1.5;
        }
        const Eigen::MatrixXd good = A, bad = Eigen::MatrixXd::Ones(n, 2) - A;
        auto runs = runsOf(handRun(A, K, {{"good_one", "equirouter", good}, {"bad", "ridge", bad}}));
        const std::string latex = summaryLatex(summarise(runs, 500));
        const QString text = QString::fromStdString(latex);
        QVERIFY(text.contains("\\toprule") && text.contains("\\midrule") && text.contains("\\bottomrule"));
        QVERIFY(text.contains("\\multicolumn{9}{l}{\\textit{Baselines}}"));
        QVERIFY(text.indexOf("good\\_one &") < text.indexOf("Baselines"));
        QVERIFY(text.indexOf("single:m0 &") > text.indexOf("Baselines"));
        QVERIFY2(text.contains("$0.3750^{**}$"), latex.c_str()); // AUC 0.875 - 0.5, p < 0.01
        QVERIFY(text.contains("bad & ") && text.contains("reference"));
    }
};

QTEST_GUILESS_MAIN(TestComparisonSummary)
#include "test_comparison_summary.moc"
