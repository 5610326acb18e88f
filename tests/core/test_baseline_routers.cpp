#include "routers/knn_router.h"
#include "routers/margin_router.h"
#include "routers/random_router.h"
#include "routers/ridge_router.h"
#include "util/random.h"

#include <QTest>

#include <Eigen/SVD>


using namespace routescope;

namespace {

// A base regressor with fixed predictions, to test what the margin router does with them.
class FixedQualityRouter : public Router {
public:
    explicit FixedQualityRouter(Eigen::MatrixXd quality) : quality_(std::move(quality)) {}
    std::string kind() const override { return "fixed"; }
    void fit(const TrainingSet&, const TrainingSet*, const JobControl&) override {}
    Eigen::MatrixXd predictQuality(const FeatureMatrix&) const override { return quality_; }
    void save(BinaryWriter&) const override {}
    void load(BinaryReader&) override {}

private:
    Eigen::MatrixXd quality_;
};

Eigen::MatrixXd roundTrip(const Router& trained, Router& fresh, const FeatureMatrix& probe)
{
    BinaryWriter out;
    trained.save(out);
    BinaryReader in(out.bytes().data(), out.bytes().size());
    fresh.load(in);
    if (!in.atEnd())
        throw FormatError("trailing bytes");
    return fresh.predictQuality(probe);
}

struct RandomProblem {
    FeatureMatrix features;
    Eigen::MatrixXd scores, costs;
};

RandomProblem randomProblem(Eigen::Index n, Eigen::Index d, Eigen::Index models, std::uint64_t seed)
{
    Random random(seed);
    RandomProblem p{FeatureMatrix(n, d), Eigen::MatrixXd(n, models), Eigen::MatrixXd(n, models)};
    for (Eigen::Index i = 0; i < p.features.size(); ++i)
        p.features(i) = static_cast<float>(random.uniform(-1.0, 1.0));
    for (Eigen::Index i = 0; i < p.scores.size(); ++i) {
        p.scores(i) = random.bernoulli(0.5) ? 1.0 : 0.0;
        p.costs(i) = 0.001 * double(1 + i % models);
    }
    return p;
}

} // namespace

class TestBaselineRouters : public QObject {
    Q_OBJECT

private slots:
    void knnAveragesTheNearestTrainingScores()
    {
        FeatureMatrix x(4, 2);
        x << 1, 0, 2, 0.2f, 0, 1, 1, 1;
        Eigen::MatrixXd a(4, 2);
        a << 1, 0, 0, 0, 1, 1, 0, 1;
        const Eigen::MatrixXd c = Eigen::MatrixXd::Ones(4, 2);
        FeatureMatrix q(2, 2);
        q << 3, 0, 0.1f, 1;

        KnnRouter two(RouterSettings{{"k", "2"}});
        two.fit({x, a, c}, nullptr, JobControl{});
        Eigen::MatrixXd expected(2, 2);
        expected << 0.5, 0.0, 0.5, 1.0; // query 0: rows 0, 1; query 1: rows 2, 3
        QVERIFY(two.predictQuality(q).isApprox(expected));

        KnnRouter three(RouterSettings{{"k", "3"}});
        three.fit({x, a, c}, nullptr, JobControl{});
        QVERIFY(three.predictQuality(q.topRows(1)).isApprox(Eigen::RowVector2d(1.0 / 3, 1.0 / 3)));

        KnnRouter all(RouterSettings{{"k", "40"}}); // more neighbours than training queries: the mean of all
        all.fit({x, a, c}, nullptr, JobControl{});
        QVERIFY(all.predictQuality(q.topRows(1)).isApprox(a.colwise().mean()));
    }

    void knnBreaksEqualSimilarityByTrainingOrder()
    {
        FeatureMatrix x(3, 1);
        x << 1, 2, 3; // all at cosine 1 to any positive query
        Eigen::MatrixXd a(3, 1);
        a << 0, 1, 1;
        KnnRouter router(RouterSettings{{"k", "1"}});
        router.fit({x, a, a}, nullptr, JobControl{});
        FeatureMatrix q(1, 1);
        q << 5;
        QCOMPARE(router.predictQuality(q)(0, 0), 0.0);
    }

    void ridgeMatchesTheAugmentedLeastSquaresSolution()
    {
        const auto p = randomProblem(30, 5, 3, 1);
        const double lambda = 0.7;
        RidgeRouter router(RouterSettings{{"lambda", "0.7"}});
        router.fit({p.features, p.scores, p.costs}, nullptr, JobControl{});

        // min |[1 X] [b; W] - Y|^2 + lambda |W|^2 as one least-squares system, solved by SVD.
        const Eigen::Index n = 30, d = 5;
        Eigen::MatrixXd system = Eigen::MatrixXd::Zero(n + d, d + 1);
        system.topLeftCorner(n, 1).setOnes();
        system.topRightCorner(n, d) = p.features.cast<double>();
        system.bottomRightCorner(d, d) = std::sqrt(lambda) * Eigen::MatrixXd::Identity(d, d);
        Eigen::MatrixXd target = Eigen::MatrixXd::Zero(n + d, 3);
        target.topRows(n) = p.scores;
        const Eigen::MatrixXd solution =
            Eigen::JacobiSVD<Eigen::MatrixXd>(system, Eigen::ComputeThinU | Eigen::ComputeThinV).solve(target);

        QVERIFY((router.intercepts() - solution.row(0)).cwiseAbs().maxCoeff() < 1e-10);
        QVERIFY((router.weights() - solution.bottomRows(d)).cwiseAbs().maxCoeff() < 1e-10);
        const Eigen::MatrixXd expected = system.topRows(n) * solution;
        QVERIFY((router.predictQuality(p.features) - expected).cwiseAbs().maxCoeff() < 1e-10);
    }

    void ridgeGivesTheSameBitsOnAnyThreadCount()
    {
        // Its gram matrix is summed from fixed row blocks, side by side when there are threads.
        const auto p = randomProblem(301, 7, 3, 4);
        Eigen::MatrixXd weights;
        for (int threads : {1, 2, 3}) {
            JobControl job;
            job.threads = threads;
            RidgeRouter router(RouterSettings{{"lambda", "0.3"}});
            router.fit({p.features, p.scores, p.costs}, nullptr, job);
            if (threads == 1)
                weights = router.weights();
            else
                QVERIFY(router.weights() == weights);
        }
    }

    void ridgeChoosesLambdaOnValidationOnlyWhenNotGiven()
    {
        const auto train = randomProblem(40, 6, 2, 2);
        const auto valid = randomProblem(20, 6, 2, 3);
        const TrainingSet v{valid.features, valid.scores, valid.costs};
        RidgeRouter given(RouterSettings{{"lambda", "0.5"}});
        given.fit({train.features, train.scores, train.costs}, &v, JobControl{});
        QCOMPARE(given.lambda(), 0.5);

        RidgeRouter chosen;
        chosen.fit({train.features, train.scores, train.costs}, &v, JobControl{});
        // The chosen lambda has the lowest validation error of the grid.
        auto validationError = [&](double lambda) {
            RidgeRouter r(RouterSettings{{"lambda", std::to_string(lambda)}});
            r.fit({train.features, train.scores, train.costs}, nullptr, JobControl{});
            return (r.predictQuality(valid.features) - valid.scores).squaredNorm();
        };
        const double best = validationError(chosen.lambda());
        for (double lambda : {1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0})
            QVERIFY(best <= validationError(lambda) + 1e-12);
    }

    void marginLiftsModelsNearTheBestToTheBest()
    {
        Eigen::MatrixXd p(3, 4);
        p << 0.90, 0.87, 0.80, 0.85, //
            0.20, 0.50, 0.47, 0.10,  //
            0.70, 0.70, 0.10, 0.67;
        MarginRouter router(RouterSettings{{"margin", "0.04"}}, std::make_unique<FixedQualityRouter>(p));
        Eigen::MatrixXd expected(3, 4);
        expected << 0.90, 0.90, 0.80, 0.85, //
            0.20, 0.50, 0.50, 0.10,         //
            0.70, 0.70, 0.10, 0.70;
        QCOMPARE(router.predictQuality(FeatureMatrix(3, 1)), expected);
        QCOMPARE(MarginRouter::withinMarginOfBest(p, 0.0), p);
    }

    void marginIsChosenOnValidation()
    {
        // Models: cheap, mid, expensive. Validation scores make margin 0.2 lose quality and 0.3 save most.
        Eigen::MatrixXd p(2, 3);
        p << 0.50, 0.88, 0.95, //
            0.62, 0.72, 0.90;
        Eigen::MatrixXd a(2, 3);
        a << 0, 1, 1, //
            1, 0, 1;
        Eigen::MatrixXd c(2, 3);
        c << 1, 2, 10, 1, 2, 10;
        const FeatureMatrix x(2, 1);
        const TrainingSet data{x, a, c};
        MarginRouter router({}, std::make_unique<FixedQualityRouter>(p));
        router.fit(data, &data, JobControl{});
        QCOMPARE(router.margin(), 0.3);

        MarginRouter strict(RouterSettings{{"tolerance", "0"}}, std::make_unique<FixedQualityRouter>(p.topRows(1)));
        const TrainingSet first{x.topRows(1), a.topRows(1), c.topRows(1)};
        strict.fit(first, &first, JobControl{});
        QCOMPARE(strict.margin(), 0.1); // the smallest margin that reaches the cheaper equally good model
    }

    void marginBuildsItsBaseByKind()
    {
        const auto p = randomProblem(50, 4, 3, 4);
        MarginRouter knn(RouterSettings{{"base", "knn"}, {"k", "5"}, {"margin", "0.1"}});
        QCOMPARE(knn.base().kind(), std::string("knn"));
        knn.fit({p.features, p.scores, p.costs}, nullptr, JobControl{});
        KnnRouter plain(RouterSettings{{"k", "5"}});
        plain.fit({p.features, p.scores, p.costs}, nullptr, JobControl{});
        QCOMPARE(knn.predictQuality(p.features), MarginRouter::withinMarginOfBest(plain.predictQuality(p.features), 0.1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MarginRouter(RouterSettings{{"base", "mlp"}}));
    }

    void randomRouterIsSeededUniform()
    {
        const auto p = randomProblem(200, 2, 4, 5);
        RandomRouter a(RouterSettings{{"seed", "3"}}), b(RouterSettings{{"seed", "3"}}), other(RouterSettings{{"seed", "4"}});
        for (Router* r : {static_cast<Router*>(&a), static_cast<Router*>(&b), static_cast<Router*>(&other)})
            r->fit({p.features, p.scores, p.costs}, nullptr, JobControl{});
        const Eigen::MatrixXd q = a.predictQuality(p.features);
        QCOMPARE(q.rows(), 200);
        QCOMPARE(q.cols(), 4);
        QVERIFY(q == b.predictQuality(p.features));
        QVERIFY(q != other.predictQuality(p.features));
        QVERIFY(q.minCoeff() >= 0.0 && q.maxCoeff() < 1.0);
        QVERIFY(std::abs(q.mean() - 0.5) < 0.05); // 800 uniforms: standard error 0.01
    }

    void saveLoadGivesIdenticalPredictions()
    {
        const auto p = randomProblem(60, 8, 3, 6);
        const auto probe = randomProblem(10, 8, 3, 7).features;
        const TrainingSet train{p.features, p.scores, p.costs};

        KnnRouter knn(RouterSettings{{"k", "7"}});
        knn.fit(train, nullptr, JobControl{});
        KnnRouter knnLoaded;
        QCOMPARE(roundTrip(knn, knnLoaded, probe), knn.predictQuality(probe));
        QCOMPARE(knnLoaded.k(), 7);

        RidgeRouter ridge(RouterSettings{{"lambda", "2"}});
        ridge.fit(train, nullptr, JobControl{});
        RidgeRouter ridgeLoaded;
        QCOMPARE(roundTrip(ridge, ridgeLoaded, probe), ridge.predictQuality(probe));
        QCOMPARE(ridgeLoaded.lambda(), 2.0);

        MarginRouter margin(RouterSettings{{"base", "knn"}, {"margin", "0.07"}});
        margin.fit(train, nullptr, JobControl{});
        MarginRouter marginLoaded({}); // built with a ridge base: loading brings back the knn base
        QCOMPARE(roundTrip(margin, marginLoaded, probe), margin.predictQuality(probe));
        QCOMPARE(marginLoaded.base().kind(), std::string("knn"));
        QCOMPARE(marginLoaded.margin(), 0.07);

        RandomRouter random(RouterSettings{{"seed", "9"}});
        random.fit(train, nullptr, JobControl{});
        RandomRouter randomLoaded;
        QCOMPARE(roundTrip(random, randomLoaded, probe), random.predictQuality(probe));

        BinaryWriter out;
        ridge.save(out);
        BinaryReader truncated(out.bytes().data(), out.bytes().size() - 1);
        RidgeRouter broken;
        QVERIFY_THROWS_EXCEPTION(FormatError, broken.load(truncated));
        std::vector<std::uint8_t> wrongVersion = out.bytes();
        wrongVersion[0] = 99;
        BinaryReader badVersion(wrongVersion.data(), wrongVersion.size());
        QVERIFY_THROWS_EXCEPTION(FormatError, broken.load(badVersion));
    }
};

QTEST_GUILESS_MAIN(TestBaselineRouters)
#include "test_baseline_routers.moc"
