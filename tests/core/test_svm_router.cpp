// The linear SVM (dual coordinate descent) and the SVM router built on it: the solver reaches the
// known optimum of small problems, the router learns which model answers which query, chooses C
// on validation, and refuses bad settings.

#include "routers/linear_svm.h"
#include "routers/svm_router.h"
#include "util/random.h"

#include <QTest>

using namespace routescope;

namespace {

// Model 0 answers iff x0 > 0, model 1 iff x0 < 0, model 2 always: what an SVM per model can learn.
struct SignData {
    FeatureMatrix x;
    Eigen::MatrixXd scores, costs;
    SignData(Eigen::Index rows, std::uint64_t seed, double noise = 0) : x(rows, 4), scores(rows, 3), costs(rows, 3)
    {
        Random random(seed);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x(i) = float(random.normal());
        for (Eigen::Index n = 0; n < rows; ++n) {
            const bool positive = x(n, 0) > 0;
            scores(n, 0) = positive != random.bernoulli(noise) ? 1.0 : 0.0;
            scores(n, 1) = !positive != random.bernoulli(noise) ? 1.0 : 0.0;
            scores(n, 2) = 1.0;
        }
        costs.setOnes();
    }
    TrainingSet set() const { return {x, scores, costs}; }
};

} // namespace

class TestSvmRouter : public QObject {
    Q_OBJECT

private slots:
    void solverFindsTheMaximumMarginOfTwoPoints()
    {
        // x = +1 (yes) and x = -1 (no): hard margin w = 1, b = 0; with a small C every alpha
        // sits at C, so w = 2C and b = 0.
        FeatureMatrix x(2, 1);
        x << 1, -1;
        const Eigen::Vector2d labels(1, -1);
        const LinearSvmProblem problem(x);
        LinearSvmSettings hard;
        hard.c = 100;
        hard.tolerance = 1e-9;
        const LinearSvm wide = problem.solve(labels, hard);
        QVERIFY(wide.converged);
        QVERIFY(std::abs(wide.weights(0) - 1.0) < 1e-6);
        QVERIFY(std::abs(wide.bias) < 1e-6);
        LinearSvmSettings soft = hard;
        soft.c = 0.01;
        const LinearSvm narrow = problem.solve(labels, soft);
        QVERIFY(std::abs(narrow.weights(0) - 0.02) < 1e-9);
        QVERIFY(std::abs(narrow.bias) < 1e-9);
    }

    void solverSeparatesSeparableData()
    {
        SignData data(300, 1);
        // A gap of 1 around the boundary x0 = 0: the hard-margin optimum has margin 1 at |x0| = 0.5.
        for (Eigen::Index n = 0; n < 300; ++n)
            data.x(n, 0) += data.x(n, 0) > 0 ? 0.5f : -0.5f;
        const Eigen::VectorXd labels = (data.scores.col(0).array() > 0).select(Eigen::VectorXd::Ones(300), -1.0);
        LinearSvmSettings settings;
        settings.c = 100;
        settings.tolerance = 1e-3;
        const LinearSvm svm = LinearSvmProblem(data.x).solve(labels, settings);
        const Eigen::VectorXd margins = labels.array() * svm.decision(data.x).array();
        QVERIFY2(margins.minCoeff() > 0, qPrintable(QString::number(margins.minCoeff())));
        // The optimum's conditions within the tolerance: every margin at least about 1.
        QVERIFY(margins.minCoeff() > 1 - 1e-2);
    }

    void solverRefusesOtherLabels()
    {
        FeatureMatrix x(2, 1);
        x << 1, 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LinearSvmProblem(x).solve(Eigen::Vector2d(1, 0), {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LinearSvmProblem(x).solve(Eigen::Vector3d(1, 1, -1), {}));
    }

    void routerLearnsWhichModelAnswers()
    {
        const SignData train(400, 2), test(200, 3);
        SvmRouter router;
        router.fit(train.set(), nullptr, {});
        const Eigen::MatrixXd p = router.predictQuality(test.x);
        double right = 0;
        for (Eigen::Index n = 0; n < 200; ++n)
            right += ((p(n, 0) > 0) == (test.scores(n, 0) > 0)) + ((p(n, 1) > 0) == (test.scores(n, 1) > 0));
        QVERIFY2(right / 400 > 0.95, qPrintable(QString::number(right / 400)));
        QVERIFY((p.col(2).array() == 1.0).all()); // always right: one class, a constant "yes"
        QCOMPARE(router.chosenC(), (std::vector<double>{1.0, 1.0, 1.0}));
    }

    void chosenCIsTheBestOnValidation()
    {
        const SignData train(80, 4, 0.2), validation(200, 5, 0.2);
        const TrainingSet v = validation.set();
        SvmRouter chosen;
        chosen.fit(train.set(), &v, {});
        auto accuracy = [&](double c, int model) {
            SvmRouter fixed(RouterSettings{{"c", std::to_string(c)}});
            fixed.fit(train.set(), nullptr, {});
            const Eigen::VectorXd p = fixed.predictQuality(validation.x).col(model);
            return ((p.array() > 0) == (validation.scores.col(model).array() > 0)).cast<double>().mean();
        };
        for (int m = 0; m < 2; ++m) {
            const double best = accuracy(chosen.chosenC()[std::size_t(m)], m);
            for (double c : {0.01, 0.1, 1.0, 10.0})
                QVERIFY(best >= accuracy(c, m));
        }
        SvmRouter given(RouterSettings{{"c", "0.1"}});
        given.fit(train.set(), &v, {});
        QCOMPARE(given.chosenC(), (std::vector<double>{0.1, 0.1, 0.1}));
    }

    void badSettingsAreRefused()
    {
        for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
                 {"c", "0"}, {"c", "-1"}, {"correct", "x"}, {"epochs", "0"}, {"tolerance", "0"}, {"gamma", "1"}})
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SvmRouter(RouterSettings{{key, value}}));
    }
};

QTEST_GUILESS_MAIN(TestSvmRouter)
#include "test_svm_router.moc"
