// The MLP and matrix-factorisation routers: they learn a per-model quality that depends on the
// query, early-stop on validation, are seeded, and reload to identical predictions.

#include "util/random.h"
#include "routers/matrix_factorization_router.h"
#include "routers/mlp_router.h"
#include "test_support.h"

#include <QTest>

#include <memory>

using namespace routescope;

namespace {

// Quality of model m = 0.5 + 0.3 * tanh(x . u_m), a smooth function of the query that differs per model.
struct SmoothData {
    FeatureMatrix x;
    Eigen::MatrixXd scores, costs;

    SmoothData(Eigen::Index rows, std::uint64_t seed) : x(rows, 5), scores(rows, 3), costs(rows, 3)
    {
        Random random(seed);
        for (Eigen::Index n = 0; n < rows; ++n)
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                x(n, j) = float(random.normal());
        Eigen::MatrixXd directions(5, 3);
        directions << 1, 0, -1, 0, 1, 0.5, 0, 0, 0, 0.5, -0.5, 0, 0, 0, 1;
        scores = (0.5 + 0.3 * (x.cast<double>() * directions).array().tanh()).matrix();
        costs.setOnes();
    }
    TrainingSet set() const { return {x, scores, costs}; }
    // MSE of always predicting each model's mean quality: what learning must beat.
    double baseline() const { return (scores.rowwise() - scores.colwise().mean()).array().square().mean(); }
};

// width: the MLP's hidden units or the factorisation's dimension.
std::unique_ptr<Router> make(const QString& kind, RouterSettings settings, const std::string& width = {})
{
    if (!width.empty())
        settings[kind == "mlp" ? "hidden" : "dim"] = width;
    if (kind == "mlp")
        return std::make_unique<MlpRouter>(std::move(settings));
    return std::make_unique<MatrixFactorizationRouter>(std::move(settings));
}

} // namespace

class TestRegressionRouters : public QObject {
    Q_OBJECT

    SmoothData train_{400, 1};
    SmoothData test_{200, 2};

private slots:
    void learnsQueryDependentQuality_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("mlp") << "mlp";
        QTest::newRow("mf") << "mf";
    }

    void learnsQueryDependentQuality()
    {
        QFETCH(QString, kind);
        auto router = make(kind, {{"epochs", "40"}, {"lr", "1e-2"}}, "16");
        QCOMPARE(QString::fromStdString(router->kind()), kind);
        router->fit(train_.set(), nullptr, {});
        const double error = (router->predictQuality(test_.x) - test_.scores).array().square().mean();
        QVERIFY2(error < 0.2 * test_.baseline(),
                 qPrintable(QString("test MSE %1, baseline %2").arg(error).arg(test_.baseline())));
    }

    void saveLoadAndSeed_data() { learnsQueryDependentQuality_data(); }

    void saveLoadAndSeed()
    {
        QFETCH(QString, kind);
        auto router = make(kind, {{"epochs", "3"}}, "8");
        auto twin = make(kind, {{"epochs", "3"}}, "8");
        auto other = make(kind, {{"epochs", "3"}, {"seed", "9"}}, "8");
        router->fit(train_.set(), nullptr, {});
        twin->fit(train_.set(), nullptr, {});
        other->fit(train_.set(), nullptr, {});
        QVERIFY(router->predictQuality(test_.x) == twin->predictQuality(test_.x));
        QVERIFY(router->predictQuality(test_.x) != other->predictQuality(test_.x));

        BinaryWriter out;
        router->save(out);
        auto loaded = make(kind, {});
        BinaryReader in(out.bytes().data(), out.bytes().size());
        loaded->load(in);
        QVERIFY(in.atEnd());
        QVERIFY(loaded->predictQuality(test_.x) == router->predictQuality(test_.x));
        BinaryReader truncated(out.bytes().data(), out.bytes().size() - 3);
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded->load(truncated));
    }

    void earlyStoppingKeepsAnEarlierEpochWhenTrainingOverfits()
    {
        // 30 noisy training queries and a large learning rate: validation error turns up long
        // before epoch 60, so the kept epochs must lie before the end.
        SmoothData small(30, 3);
        Random random(4);
        for (Eigen::Index n = 0; n < small.scores.rows(); ++n)
            for (Eigen::Index m = 0; m < 3; ++m)
                small.scores(n, m) = random.uniform() < 0.5 ? 0.0 : 1.0;
        const TrainingSet validation = test_.set();
        MlpRouter mlp({{"epochs", "60"}, {"lr", "3e-2"}, {"hidden", "64"}, {"batch", "8"}});
        mlp.fit(small.set(), &validation, {});
        for (int epoch : mlp.keptEpochs())
            QVERIFY(epoch >= 1 && epoch < 60);
        MatrixFactorizationRouter mf({{"epochs", "60"}, {"lr", "3e-2"}, {"batch", "8"}});
        mf.fit(small.set(), &validation, {});
        QVERIFY(mf.keptEpoch() >= 1 && mf.keptEpoch() < 60);
    }

    void unknownSettingIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MlpRouter(RouterSettings{{"dim", "8"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MatrixFactorizationRouter(RouterSettings{{"hidden", "8"}}));
    }
};

QTEST_GUILESS_MAIN(TestRegressionRouters)
#include "test_regression_routers.moc"
