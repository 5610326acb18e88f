// The contrastive router (RouterDC on fixed features): which models a query contrasts, the
// loss by hand, and a router that learns to place queries next to the models that answer them.
// Its backward pass is checked against numeric gradients in test_nn_gradients.

#include "routers/contrastive_router.h"
#include "util/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace routescope;

namespace {

bool holds(const std::vector<int>& set, int m) { return std::find(set.begin(), set.end(), m) != set.end(); }

// Three clusters of queries; model m answers exactly the queries of cluster m, model 3 none.
struct Clusters {
    FeatureMatrix x;
    Eigen::MatrixXd scores, costs;
    Clusters(Eigen::Index rows, std::uint64_t seed) : x(rows, 6), scores(Eigen::MatrixXd::Zero(rows, 4)), costs(rows, 4)
    {
        Random random(seed);
        for (Eigen::Index n = 0; n < rows; ++n) {
            const int cluster = int(n % 3);
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                x(n, j) = float(0.3 * random.normal() + (j == 2 * cluster ? 1.0 : 0.0));
            scores(n, cluster) = 1;
        }
        costs.setOnes();
    }
    TrainingSet set() const { return {x, scores, costs}; }
};

} // namespace

class TestContrastiveRouter : public QObject {
    Q_OBJECT

private slots:
    void targetsFollowRouterDc()
    {
        Eigen::MatrixXf scores(3, 6);
        scores << 1, 1, 0, 0, 0.4f, 1, // three right, three below: two of each side
            0, 0, 0, 0, 0, 0,          // nobody right: no positive
            1, 1, 1, 1, 0.8f, 0.6f;    // nobody at or below 0.5: no negative
        Random random(1);
        const ContrastiveTargets t = contrastiveTargets(scores, 2, 2, random);
        QCOMPARE(t.positives[0].size(), std::size_t(2));
        for (int m : t.positives[0])
            QVERIFY(scores(0, m) == 1);
        QCOMPARE(t.negatives[0].size(), std::size_t(2));
        for (int m : t.negatives[0])
            QVERIFY(scores(0, m) == 0); // the worst two: zeros, not the 0.4
        QVERIFY(t.positives[1].empty());
        QVERIFY(t.negatives[2].empty());
        QCOMPARE(t.positives[2].size(), std::size_t(2));

        // Ties are broken at random: over many draws each of the three right models is a positive.
        std::vector<int> seen(6, 0);
        for (int draw = 0; draw < 50; ++draw) {
            const ContrastiveTargets again = contrastiveTargets(scores.topRows(1), 2, 2, random);
            for (int m : again.positives[0])
                ++seen[std::size_t(m)];
        }
        QVERIFY(seen[0] > 0 && seen[1] > 0 && seen[5] > 0);
    }

    void lossByHand()
    {
        Eigen::MatrixXf logits(2, 3);
        logits << 2, 0, 1, 0.5f, 0.5f, 0.5f;
        ContrastiveTargets t;
        t.positives = {{0}, {}};
        t.negatives = {{1, 2}, {0}};
        Eigen::MatrixXf grad;
        const double loss = contrastiveLoss(logits, t, grad);
        const double sum = std::exp(2.0) + std::exp(0.0) + std::exp(1.0);
        QVERIFY(std::abs(loss - (-std::log(std::exp(2.0) / sum)) / 2) < 1e-6); // averaged over 2 queries
        QVERIFY(std::abs(grad(0, 0) - (std::exp(2.0) / sum - 1) / 2) < 1e-6);
        QVERIFY(std::abs(grad(0, 2) - std::exp(1.0) / sum / 2) < 1e-6);
        QVERIFY(grad.row(1).isZero()); // no positive, no loss
        QVERIFY(holds(t.negatives[0], 2));
    }

    void learnsWhichModelsAnswerWhichQueries()
    {
        const Clusters train(300, 2), validation(90, 3), test(150, 4);
        const TrainingSet v = validation.set();
        ContrastiveRouter router({{"epochs", "15"}, {"hidden", "32"}, {"dim", "8"}});
        router.fit(train.set(), &v, {});
        QVERIFY(router.keptEpoch() >= 1 && router.keptEpoch() <= 15);
        const Eigen::MatrixXd p = router.predictQuality(test.x);
        QVERIFY((p.rowwise().sum().array() - 1).abs().maxCoeff() < 1e-9); // a distribution over models
        double right = 0;
        for (Eigen::Index n = 0; n < p.rows(); ++n) {
            Eigen::Index best = 0;
            p.row(n).maxCoeff(&best);
            right += test.scores(n, best);
        }
        QVERIFY2(right / double(p.rows()) > 0.9, qPrintable(QString::number(right / double(p.rows()))));
    }

    void seededAndReloaded()
    {
        const Clusters train(90, 5), test(30, 6);
        ContrastiveRouter a(RouterSettings{{"epochs", "2"}}), b(RouterSettings{{"epochs", "2"}}), c({{"epochs", "2"}, {"seed", "4"}});
        a.fit(train.set(), nullptr, {});
        b.fit(train.set(), nullptr, {});
        c.fit(train.set(), nullptr, {});
        QVERIFY(a.predictQuality(test.x) == b.predictQuality(test.x));
        QVERIFY(a.predictQuality(test.x) != c.predictQuality(test.x));
        BinaryWriter out;
        a.save(out);
        BinaryReader truncated(out.bytes().data(), out.bytes().size() - 4);
        ContrastiveRouter loaded;
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.load(truncated));
    }

    void badSettingsAreRefused()
    {
        for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
                 {"top_k", "0"}, {"last_k", "-2"}, {"temperature", "0"}, {"dim", "1.5"}, {"lr", "fast"}, {"tau", "1"}})
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ContrastiveRouter(RouterSettings{{key, value}}));
    }
};

QTEST_GUILESS_MAIN(TestContrastiveRouter)
#include "test_contrastive_router.moc"
