// The similarity-weighted ranking router (RouteLLM): Bradley-Terry fits recover known strengths,
// RouteLLM's similarity weights, the battles of a query, and a router that ranks models by the
// training queries most like the test query.

#include "routers/bradley_terry.h"
#include "routers/sw_ranking_router.h"
#include "util/random.h"

#include <QTest>

#include <cmath>

using namespace routescope;

namespace {

double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

} // namespace

class TestSwRankingRouter : public QObject {
    Q_OBJECT

private slots:
    void bradleyTerryOfTwoModelsIsTheLogOdds()
    {
        Eigen::Matrix2d wins;
        wins << 0, 3, 1, 0; // 3 wins of model 0, 1 of model 1: P(0 beats 1) = 3/4
        const Eigen::VectorXd theta = fitBradleyTerry(wins, 1e-9);
        QVERIFY(std::abs((theta(0) - theta(1)) - std::log(3.0)) < 1e-6);
        QVERIFY(std::abs(theta.sum()) < 1e-6); // the ridge fixes the free offset at sum 0
    }

    void bradleyTerryRecoversStrengthsFromExpectedWins()
    {
        const Eigen::Vector3d truth(0.8, 0.0, -0.8);
        Eigen::Matrix3d wins = Eigen::Matrix3d::Zero();
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                if (i != j)
                    wins(i, j) = 50 * sigmoid(truth(i) - truth(j));
        const Eigen::VectorXd theta = fitBradleyTerry(wins, 1e-9);
        QVERIFY(((theta.array() - theta.mean()) - truth.array()).abs().maxCoeff() < 1e-6);
        const Eigen::VectorXd rates = meanWinRates(theta);
        QVERIFY(std::abs(rates(0) - (sigmoid(0.8) + sigmoid(1.6)) / 2) < 1e-6);
        QVERIFY(rates(0) > rates(1) && rates(1) > rates(2));
    }

    void aModelThatNeverLosesStaysFinite()
    {
        Eigen::Matrix2d wins;
        wins << 0, 10, 0, 0;
        const Eigen::VectorXd theta = fitBradleyTerry(wins, 1e-3);
        QVERIFY(theta.allFinite());
        QVERIFY(theta(0) > theta(1) + 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitBradleyTerry(wins, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitBradleyTerry(-wins, 1));
    }

    void battlesCountTiesHalf()
    {
        const Eigen::MatrixXd wins = SwRankingRouter::battles(Eigen::RowVector3d(1, 1, 0));
        Eigen::Matrix3d expected;
        expected << 0, 0.5, 1, 0.5, 0, 1, 0, 0, 0;
        QVERIFY(wins == expected);
    }

    void weightsFollowRouteLlm()
    {
        const Eigen::VectorXd w = SwRankingRouter::similarityWeights(Eigen::Vector3f(0.5f, 0.25f, -0.5f));
        // 10 * 10^(s / s_max): s / s_max = 1, 0.5, -1.
        QVERIFY(std::abs(w(0) - 100) < 1e-9);
        QVERIFY(std::abs(w(1) - 10 * std::sqrt(10.0)) < 1e-9);
        QVERIFY(std::abs(w(2) - 1) < 1e-9);
        QVERIFY(SwRankingRouter::similarityWeights(Eigen::Vector2f(-0.1f, 0.0f)) == Eigen::Vector2d(1, 1));
    }

    void ranksByTheMostSimilarTrainingQueries()
    {
        // Queries along x win for model 0, along y for model 1; model 2 is always beaten.
        const Eigen::Index rows = 60;
        FeatureMatrix x(rows, 2);
        Eigen::MatrixXd scores(rows, 3);
        Random random(3);
        for (Eigen::Index n = 0; n < rows; ++n) {
            const bool alongX = n % 2 == 0;
            x.row(n) << (alongX ? 1.0f : 0.1f) + 0.05f * float(random.normal()), (alongX ? 0.1f : 1.0f);
            scores.row(n) << (alongX ? 1 : 0), (alongX ? 0 : 1), 0;
        }
        const Eigen::MatrixXd costs = Eigen::MatrixXd::Ones(rows, 3);
        SwRankingRouter router;
        router.fit({x, scores, costs}, nullptr, {});
        FeatureMatrix probes(2, 2);
        probes << 2, 0.1f, 0.1f, 2;
        const Eigen::MatrixXd p = router.predictQuality(probes);
        QVERIFY(p(0, 0) > p(0, 1) && p(0, 1) > p(0, 2));
        QVERIFY(p(1, 1) > p(1, 0) && p(1, 0) > p(1, 2));

        // The same by hand for the first probe: RouteLLM's weights over every training query.
        const Eigen::VectorXf probe = probes.row(0).transpose().normalized();
        Eigen::VectorXf similarity(rows);
        for (Eigen::Index n = 0; n < rows; ++n)
            similarity(n) = x.row(n).normalized().dot(probe);
        const Eigen::VectorXd w = SwRankingRouter::similarityWeights(similarity);
        Eigen::MatrixXd wins = Eigen::MatrixXd::Zero(3, 3);
        for (Eigen::Index n = 0; n < rows; ++n)
            wins += w(n) * SwRankingRouter::battles(scores.row(n));
        const Eigen::VectorXd expected = meanWinRates(fitBradleyTerry(wins, 1e-3 * w.sum()));
        QVERIFY2((p.row(0).transpose() - expected).cwiseAbs().maxCoeff() < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(p(0, 0)).arg(expected(0))));
    }

    void badSettingsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SwRankingRouter(RouterSettings{{"ridge", "0"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SwRankingRouter(RouterSettings{{"k", "5"}}));
    }
};

QTEST_GUILESS_MAIN(TestSwRankingRouter)
#include "test_sw_ranking_router.moc"
