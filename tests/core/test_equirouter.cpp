// EquiRouter on tiny networks and data: it learns, orders tied models cheaper-first only when the
// ranking loss asks for it, selects on validation by the documented criterion, and reloads exactly.

#include "util/random.h"
#include "routers/equirouter.h"
#include "routers/equirouter_parallel_step.h"
#include "routers/margin_router.h"
#include "routers/router_format.h"
#include "routers/validation_frontier.h"
#include "test_support.h"

#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>

using namespace routescope;

namespace {

// Model 0 "dear" and model 1 "cheap" are always both correct; model 2 (cheapest) is correct
// exactly when the first feature is positive.
struct TiedData {
    FeatureMatrix x;
    Eigen::MatrixXd scores, costs;

    TiedData(Eigen::Index rows, std::uint64_t seed) : x(rows, 6), scores(rows, 3), costs(rows, 3)
    {
        Random random(seed);
        for (Eigen::Index n = 0; n < rows; ++n) {
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                x(n, j) = float(random.normal());
            scores.row(n) << 1.0, 1.0, x(n, 0) > 0 ? 1.0 : 0.0;
            costs.row(n) << 5.0 * (1 + 0.1 * random.uniform()), 1.0 * (1 + 0.1 * random.uniform()), 0.5;
        }
    }
    TrainingSet set() const { return {x, scores, costs}; }
};

// Tie pairs dominate: five models of rising cost, all correct on "easy" queries (10 tie pairs),
// only the dearest (model 4) correct on "hard" ones (4 label pairs). A query is hard when
// x0 + noise > 0.8, the noise unseen, so near the boundary a router must weigh the two kinds.
struct TieDominatedData {
    FeatureMatrix x;
    Eigen::MatrixXd scores, costs;
    std::vector<bool> hard;

    TieDominatedData(Eigen::Index rows, std::uint64_t seed) : x(rows, 6), scores(rows, 5), costs(rows, 5), hard(rows)
    {
        Random random(seed);
        for (Eigen::Index n = 0; n < rows; ++n) {
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                x(n, j) = float(random.normal());
            hard[n] = x(n, 0) + 0.5 * random.normal() > 0.8;
            for (Eigen::Index m = 0; m < 5; ++m)
                scores(n, m) = hard[n] && m < 4 ? 0.0 : 1.0;
            costs.row(n) << 1, 2, 3, 4, 10;
        }
    }
    TrainingSet set() const { return {x, scores, costs}; }

    // Share of the hard (or easy) queries whose top predicted model is `model`.
    double topShare(const Eigen::MatrixXd& p, bool ofHard, Eigen::Index model) const
    {
        int count = 0, top = 0;
        for (Eigen::Index n = 0; n < p.rows(); ++n) {
            if (hard[n] != ofHard)
                continue;
            Eigen::Index best = 0;
            p.row(n).maxCoeff(&best);
            ++count;
            top += best == model;
        }
        return double(top) / double(count);
    }
};

// A network small enough to build by hand in a test: 6 inputs, 3 models.
EquiRouterShape tinyShape()
{
    EquiRouterShape shape;
    shape.inputs = 6;
    shape.models = 3;
    shape.trunk = {8, 8};
    shape.embedding = 4;
    shape.head = 8;
    return shape;
}

RouterSettings tiny(RouterSettings extra = {})
{
    RouterSettings s{{"trunk", "16,16"}, {"embedding", "8"}, {"head", "16"},    {"batch", "32"},
                     {"lr", "3e-3"},     {"epochs", "15"},   {"min_steps", "0"}, {"select", "none"}};
    for (const auto& [key, value] : extra)
        s[key] = value;
    return s;
}

} // namespace

class TestEquiRouter : public QObject {
    Q_OBJECT

    TiedData train_{200, 1};
    TiedData test_{100, 2};

private slots:
    void trainingReducesLoss()
    {
        EquiRouter router(tiny());
        router.fit(train_.set(), nullptr, {});
        const auto& losses = router.epochLosses();
        QCOMPARE(losses.size(), std::size_t(15));
        QVERIFY2(losses.back() < 0.3 * losses.front(),
                 qPrintable(QString("first %1, last %2").arg(losses.front()).arg(losses.back())));
    }

    void tieTopRanksCheaperOfAlwaysTiedModelsFirst()
    {
        EquiRouter router(tiny({{"tie", "top"}, {"tie_weight", "1"}}));
        router.fit(train_.set(), nullptr, {});
        const Eigen::MatrixXd p = router.predictQuality(test_.x);
        const Eigen::VectorXd margin = p.col(1) - p.col(0);
        QVERIFY2(margin.minCoeff() > 0.5, qPrintable(QString("smallest margin %1").arg(margin.minCoeff())));
    }

    void tieWeightTradesTheStrongestModelForCheaperFirst()
    {
        const TieDominatedData train(600, 11), test(400, 12);
        const auto shares = [&](const char* weight) {
            EquiRouter router(tiny({{"tie", "top"}, {"tie_weight", weight}, {"epochs", "40"}}));
            router.fit(train.set(), nullptr, {});
            const Eigen::MatrixXd p = router.predictQuality(test.x);
            return std::pair{test.topShare(p, true, 4), test.topShare(p, false, 0)};
        };
        const auto [smallHard, smallEasy] = shares("0.01");
        const auto [largeHard, largeEasy] = shares("10");
        const QString measured = QString("tie weight 0.01: dearest on top of hard %1, cheapest on top of easy %2; "
                                         "tie weight 10: %3, %4")
                                     .arg(smallHard).arg(smallEasy).arg(largeHard).arg(largeEasy);
        // Small: the label pairs win, the dearest model stays on top where only it answers.
        QVERIFY2(smallHard > 0.9, qPrintable(measured));
        // Large: the tie pairs win, cheaper-first on the easy queries, bought with hard ones.
        QVERIFY2(largeEasy > 0.8, qPrintable(measured));
        QVERIFY2(largeEasy > smallEasy + 0.2, qPrintable(measured));
        QVERIFY2(largeHard < smallHard, qPrintable(measured));
    }

    void regressionOnlyLeavesTiedModelsUnordered()
    {
        // Without pair terms both tied models are pushed to the same target 1: no systematic gap.
        EquiRouter router(tiny({{"tie", "top"}, {"rank_weight", "0"}}));
        router.fit(train_.set(), nullptr, {});
        const Eigen::MatrixXd p = router.predictQuality(test_.x);
        const Eigen::VectorXd margin = p.col(1) - p.col(0);
        QVERIFY2(margin.cwiseAbs().mean() < 0.1, qPrintable(QString("mean |gap| %1").arg(margin.cwiseAbs().mean())));
    }

    void saveAndLoadGiveIdenticalPredictions()
    {
        EquiRouter router(tiny({{"epochs", "3"}}));
        router.fit(train_.set(), nullptr, {});
        BinaryWriter out;
        router.save(out);
        EquiRouter loaded;
        BinaryReader in(out.bytes().data(), out.bytes().size());
        loaded.load(in);
        QVERIFY(in.atEnd());
        QVERIFY(loaded.predictQuality(test_.x) == router.predictQuality(test_.x));
        QCOMPARE(loaded.epochLosses(), router.epochLosses());
        BinaryWriter again;
        loaded.save(again);
        QVERIFY(again.bytes() == out.bytes());
    }

    void routersSavedInFormatOneStillLoad()
    {
        // Format 1 (before tie_norm, tie_weight, steps and decide) kept the tie and the epoch count.
        const EquiRouterShape shape = tinyShape();
        Random random(5);
        const EquiRouterNetwork network(shape, random);
        BinaryWriter out;
        writeRouterHeader(out, "routescope.equirouter", 1, {{"tie", "top"}});
        out.write<std::int32_t>(6);
        out.write<std::int32_t>(3);
        out.write<std::uint32_t>(2);
        out.write<std::int32_t>(8);
        out.write<std::int32_t>(8);
        out.write<std::int32_t>(4);
        out.write<std::int32_t>(8);
        out.writeString("top");
        out.write<std::int32_t>(3);
        out.write<double>(0.5);
        out.write<std::uint64_t>(1);
        out.write<double>(0.25);
        network.save(out);
        EquiRouter loaded;
        BinaryReader in(out.bytes().data(), out.bytes().size());
        loaded.load(in);
        QVERIFY(in.atEnd());
        QVERIFY(loaded.predictQuality(test_.x) == network.predict(test_.x).cast<double>());
        QCOMPARE(loaded.selection().loss.norm, nn::TieNorm::Pooled);
        QCOMPARE(loaded.selection().margin, 0.0);
        QCOMPARE(loaded.epochLosses(), std::vector<double>{0.25});
    }

    void corruptBlobsAreRefused()
    {
        EquiRouter router(tiny({{"epochs", "1"}}));
        router.fit(train_.set(), nullptr, {});
        BinaryWriter out;
        router.save(out);
        const auto& bytes = out.bytes();
        BinaryReader truncated(bytes.data(), bytes.size() - 5);
        EquiRouter target;
        QVERIFY_THROWS_EXCEPTION(FormatError, target.load(truncated));
        std::vector<std::uint8_t> wrongMagic = bytes;
        wrongMagic[8] = 'X';
        BinaryReader wrong(wrongMagic.data(), wrongMagic.size());
        QVERIFY_THROWS_EXCEPTION(FormatError, target.load(wrong));
    }

    void sameSeedSameRouter()
    {
        EquiRouter a(tiny({{"epochs", "2"}})), b(tiny({{"epochs", "2"}})), c(tiny({{"epochs", "2"}, {"seed", "7"}}));
        a.fit(train_.set(), nullptr, {});
        b.fit(train_.set(), nullptr, {});
        c.fit(train_.set(), nullptr, {});
        QVERIFY(a.predictQuality(test_.x) == b.predictQuality(test_.x));
        QVERIFY(a.predictQuality(test_.x) != c.predictQuality(test_.x));
    }

    void validationSelectionKeepsTheBestFrontier()
    {
        RouterSettings s = tiny({{"epochs", "4"}, {"patience", "0"}});
        s.erase("select"); // auto: a validation set turns selection on
        EquiRouter router(s);
        const TrainingSet validation = test_.set();
        QStringList messages;
        JobControl job;
        job.progress = [&](double, const std::string& message) { messages << QString::fromStdString(message); };
        router.fit(train_.set(), &validation, job);
        // One run per tie weight of the grid, each 4 passes of 7 batches.
        for (const char* weight : {"0", "0.01", "0.03", "0.1", "0.3"})
            QVERIFY2(!messages.filter(QString("tie weight %1, step 28/28, loss ").arg(weight)).isEmpty(), weight);
        QVERIFY(messages.last().startsWith("kept tie weight "));
        const auto& chosen = router.selection();
        QVERIFY(chosen.steps >= 1 && chosen.steps <= 28);
        const std::vector<float> grid = {0.0f, 0.01f, 0.03f, 0.1f, 0.3f};
        QVERIFY(std::find(grid.begin(), grid.end(), chosen.loss.tieWeight) != grid.end());
        QCOMPARE(chosen.margin, 0.0);
        QCOMPARE(router.epochLosses().size(), std::size_t((chosen.steps + 6) / 7));
        // The kept network reproduces the area it was chosen for.
        const Eigen::RowVectorXd meanCost = train_.costs.colwise().mean();
        const double area =
            costThresholdFrontierArea(router.predictQuality(test_.x), meanCost, test_.scores, test_.costs);
        QCOMPARE(area, chosen.validationArea);
    }

    void aRunStopsAfterPatienceChecksWithoutProgress()
    {
        // 28 steps checked every 2: a run ends at its last step or 2 checks (4 steps) after its best.
        EquiRouter router(tiny({{"epochs", "4"}, {"patience", "2"}, {"select", "validation"}}));
        const TrainingSet validation = test_.set();
        QStringList messages;
        JobControl job;
        job.progress = [&](double, const std::string& message) { messages << QString::fromStdString(message); };
        router.fit(train_.set(), &validation, job);
        const QRegularExpression step("^tie weight ([0-9.]+), step (\\d+)/28, .*at step (\\d+)$");
        QMap<QString, QPair<int, int>> last; // tie weight -> (last step, its best step)
        for (const QString& message : messages)
            if (const auto match = step.match(message); match.hasMatch())
                last[match.captured(1)] = {match.captured(2).toInt(), match.captured(3).toInt()};
        QCOMPARE(last.size(), 5);
        int stoppedEarly = 0;
        for (const auto& [end, bestStep] : last) {
            QVERIFY2(end == 28 || end - bestStep == 4, qPrintable(QString("ended %1, best %2").arg(end).arg(bestStep)));
            stoppedEarly += end < 28;
        }
        QVERIFY(stoppedEarly > 0);
    }

    void stepsCountOptimiserStepsWithAMinimum()
    {
        // 200 rows in batches of 32 are 7 steps a pass: min_steps 30 gives 30 steps, 5 passes in all.
        EquiRouter minimum(tiny({{"epochs", "1"}, {"min_steps", "30"}}));
        minimum.fit(train_.set(), nullptr, {});
        QCOMPARE(minimum.selection().steps, 30L);
        QCOMPARE(minimum.epochLosses().size(), std::size_t(5));
        EquiRouter exact(tiny({{"steps", "10"}}));
        exact.fit(train_.set(), nullptr, {});
        QCOMPARE(exact.selection().steps, 10L);
        QCOMPARE(exact.epochLosses().size(), std::size_t(2));
    }

    void marginDecisionTakesTheCheapestWithinTheMargin()
    {
        EquiRouter argmax(tiny({{"tie", "none"}})), margin(tiny({{"tie", "none"}, {"decide", "margin"}, {"margin", "0.2"}}));
        argmax.fit(train_.set(), nullptr, {});
        margin.fit(train_.set(), nullptr, {});
        const Eigen::MatrixXd scores = argmax.predictQuality(test_.x), p = margin.predictQuality(test_.x);
        // Same network (same seed and loss); every model within 0.2 of the best score gets the best
        // score, so the policies' cheaper-first tie break picks the cheapest of them.
        for (Eigen::Index n = 0; n < p.rows(); ++n) {
            const double best = scores.row(n).maxCoeff();
            for (Eigen::Index m = 0; m < p.cols(); ++m)
                QCOMPARE(p(n, m), scores(n, m) >= best - 0.2 ? best : scores(n, m));
        }
        QCOMPARE(margin.selection().margin, 0.2);
    }

    void marginIsChosenOnValidation()
    {
        EquiRouter router(tiny({{"tie", "none"}, {"decide", "margin"}, {"select", "validation"}}));
        const TrainingSet validation = test_.set();
        router.fit(train_.set(), &validation, {});
        const double chosen = router.selection().margin;
        const Eigen::RowVectorXd meanCost = train_.costs.colwise().mean();
        // The kept margin is the margin router's choice for the kept network's scores on validation.
        EquiRouter sameNetwork(tiny({{"tie", "none"}, {"steps", std::to_string(router.selection().steps)}}));
        sameNetwork.fit(train_.set(), nullptr, {});
        const std::vector<double> grid = {0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2}; // equirouter.h
        QCOMPARE(chosen,
                 MarginRouter::chooseMargin(sameNetwork.predictQuality(test_.x), meanCost, validation, 0.01, grid));
    }

    void splitBatchGivesTheWholeBatchGradient()
    {
        const EquiRouterShape shape = tinyShape();
        Random random(3);
        EquiRouterNetwork whole(shape, random);
        EquiRouterNetwork split = whole;
        const Eigen::MatrixXf x = train_.x.topRows(7);
        const Eigen::MatrixXf quality = train_.scores.topRows(7).cast<float>();
        const Eigen::MatrixXf cost = train_.costs.topRows(7).cast<float>();
        EquiRouterParallelStep one(whole, 1), three(split, 3, 1);
        const nn::RankingLoss ranking{nn::TieOrder::Top, nn::TieNorm::Separate, 50, 0.3f};
        const float lossOne = one.computeGradients(x, quality, cost, ranking, 1);
        const float lossThree = three.computeGradients(x, quality, cost, ranking, 3);
        QCOMPARE(lossThree, lossOne);
        const auto a = whole.parameters(), b = split.parameters();
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY((*a[i].grad - *b[i].grad).norm() <= 1e-5f * (1.0f + a[i].grad->norm()));
        // The same parts on one thread give the same bits as on three: the thread count never shows.
        EquiRouterNetwork serial = whole;
        EquiRouterParallelStep threeOnOne(serial, 3, 1);
        QCOMPARE(threeOnOne.computeGradients(x, quality, cost, ranking, 1), lossThree);
        const auto c = serial.parameters();
        for (std::size_t i = 0; i < b.size(); ++i)
            QVERIFY(*c[i].grad == *b[i].grad);
    }

    void frontierAreaByHand()
    {
        // Two queries, a cheap (cost 1) and a dear (cost 3) model. Threshold 1: both take the cheap
        // model, point (1, 0.5). Threshold 3: query 0 keeps cheap (0.9 > 0.5), query 1 takes dear,
        // point (2, 1). Front over [1, 3]: 0.5 on [1, 2), 1 on [2, 3], area 1.5, normalised 0.75.
        Eigen::MatrixXd predicted(2, 2), scores(2, 2), costs(2, 2);
        predicted << 0.9, 0.5, 0.2, 0.8;
        scores << 1, 1, 0, 1;
        costs << 1, 3, 1, 3;
        Eigen::RowVectorXd modelCost(2);
        modelCost << 1, 3;
        QCOMPARE(costThresholdFrontierArea(predicted, modelCost, scores, costs), 0.75);
    }

    void progressAndCancel()
    {
        EquiRouter router(tiny({{"epochs", "2"}}));
        QStringList messages;
        JobControl job;
        job.progress = [&](double, const std::string& message) { messages << QString::fromStdString(message); };
        router.fit(train_.set(), nullptr, job);
        QVERIFY(messages.last().startsWith("tie weight 0.03, step 14/14, loss "));
        std::atomic<bool> cancel{true};
        job.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(Cancelled, router.fit(train_.set(), nullptr, job));
    }

    void badSettingsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"tie", "cheapest"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"epoch", "5"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"lr", "-1"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"tie_norm", "mean"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"tie_weight", "-0.1"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"decide", "cheapest"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"margin", "0.1"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EquiRouter(RouterSettings{{"steps", "0"}}));
        EquiRouter needsValidation(tiny({{"select", "validation"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, needsValidation.fit(train_.set(), nullptr, {}));
    }
};

QTEST_GUILESS_MAIN(TestEquiRouter)
#include "test_equirouter.moc"
