// Every router kind the factory knows, through the factory: it is named as listed, refuses bad
// settings with std::invalid_argument naming itself, leaves Eigen's thread count as it found it,
// and a saved router loads into a fresh one that predicts identically.

#include "routers/router_factory.h"
#include "util/random.h"

#include <QTest>

#include <Eigen/Core>
#include <omp.h>

using namespace routescope;

Q_DECLARE_METATYPE(std::string)

namespace {

// Small networks, so that every kind trains in well under a second.
RouterSettings quick(const std::string& kind)
{
    if (kind == "equirouter")
        return {{"max_epochs", "2"}, {"trunk", "16"}, {"embedding", "8"}, {"head", "16"}, {"threads", "1"}};
    if (kind == "mlp" || kind == "mf" || kind == "contrastive")
        return {{"epochs", "3"}};
    return {};
}

struct Data {
    FeatureMatrix x;
    Eigen::MatrixXd scores, costs;
    std::vector<std::string> names = {"cheap", "middle", "dear"};
    Data(Eigen::Index rows, std::uint64_t seed) : x(rows, 6), scores(rows, 3), costs(rows, 3)
    {
        Random random(seed);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x(i) = float(random.normal());
        for (Eigen::Index n = 0; n < rows; ++n)
            for (Eigen::Index m = 0; m < 3; ++m) {
                scores(n, m) = (x(n, m) > 0 || m == 2) && random.bernoulli(0.9) ? 1.0 : 0.0;
                costs(n, m) = 0.001 * double(1 << m) * (1 + 0.1 * random.uniform());
            }
    }
    TrainingSet set() const { return {x, scores, costs, &names}; }
};

} // namespace

class TestRouterKinds : public QObject {
    Q_OBJECT

private slots:
    void everyKind_data()
    {
        QTest::addColumn<std::string>("kind");
        for (const auto& kind : learnedRouterKinds())
            QTest::newRow(kind.c_str()) << kind;
    }

    void everyKind()
    {
        QFETCH(std::string, kind);
        QCOMPARE(makeRouter(kind)->kind(), kind);
        try {
            makeRouter(kind, {{"no_such_setting", "1"}});
            QFAIL("an unknown setting was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).rfind(kind + ": ", 0) == 0, e.what());
        }
    }

    void badSeedIsRefused_data() { everyKind_data(); }

    void badSeedIsRefused()
    {
        QFETCH(std::string, kind);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeRouter(kind, {{"seed", "-1"}}));
    }

    void reloadsToIdenticalPredictions_data() { everyKind_data(); }

    void reloadsToIdenticalPredictions()
    {
        QFETCH(std::string, kind);
        const Data train(120, 1), validation(40, 2), test(30, 3);
        const TrainingSet validationSet = validation.set();
        auto router = makeRouter(kind, quick(kind));
        const int threadsBefore = omp_get_max_threads();
        omp_set_num_threads(3);
        router->fit(train.set(), &validationSet, {});
        QCOMPARE(omp_get_max_threads(), 3); // set by a router for its training, then restored
        omp_set_num_threads(threadsBefore);
        const Eigen::MatrixXd predicted = router->predictQuality(test.x);
        QCOMPARE(predicted.rows(), test.x.rows());
        QCOMPARE(predicted.cols(), Eigen::Index(3));
        QVERIFY(predicted.allFinite());

        BinaryWriter out;
        router->save(out);
        auto loaded = makeRouter(kind);
        BinaryReader in(out.bytes().data(), out.bytes().size());
        loaded->load(in);
        QVERIFY(in.atEnd());
        QVERIFY(loaded->predictQuality(test.x) == predicted);
        BinaryWriter again;
        loaded->save(again);
        QVERIFY(again.bytes() == out.bytes());
    }

    void unknownKindListsTheKnownOnes()
    {
        try {
            makeRouter("svn");
            QFAIL("an unknown kind was made");
        } catch (const std::invalid_argument& e) {
            for (const auto& kind : learnedRouterKinds())
                QVERIFY2(std::string(e.what()).find(kind) != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRouterKinds)
#include "test_router_kinds.moc"
