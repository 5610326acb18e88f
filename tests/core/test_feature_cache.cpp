// Text features cached in the project: a second experiment on the same dataset, featurizer
// settings, seed and split takes them from the project and predicts exactly as the first; any
// change of key fits again; damaged entries are refitted; read-only projects only read.

#include "experiment/experiment.h"
#include "features/feature_cache.h"
#include "import/importer.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>


using namespace routescope;

namespace {

std::int64_t count(ProjectStore& store, const std::string& table)
{
    auto rows = store.database().prepare("SELECT COUNT(*) FROM " + table);
    rows.step();
    return rows.int64(0);
}

// A project holding one imported dataset, and the experiment data that caches into it.
struct OneDatasetProject {
    ProjectStore store;
    std::int64_t id;
    OutcomeMatrix data;
    OneDatasetProject(const std::string& path, const std::string& csv)
        : store(path), id(importDataset(store, csv, {}).datasetId), data(store.loadOutcomes(id))
    {
    }
    ExperimentData train() { return {&data, nullptr, &store, id}; }
};

} // namespace

class TestFeatureCache : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string csv_;

    ExperimentSpec spec(std::uint64_t seed = 0) const
    {
        ExperimentSpec s;
        s.routers.push_back(parseRouterSpec("ridge"));
        s.seeds = {seed};
        s.featurizer.dimensions = 32;
        return s;
    }

    std::string projectPath(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

private slots:
    void initTestCase()
    {
        csv_ = (dir_.path() + "/synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv_, 9, 300);
    }

    void secondExperimentTakesTheFeaturesFromTheProject()
    {
        OneDatasetProject project(projectPath("hit.routescope"), csv_);
        auto& [store, id, data] = project;
        const ExperimentData train = project.train();

        const auto first = runExperiment(train, {}, spec());
        QVERIFY(!first[0].featuresFromCache);
        QCOMPARE(count(store, "featurizers"), 1);
        QCOMPARE(count(store, "feature_sets"), 1);

        const auto second = runExperiment(train, {}, spec());
        QVERIFY(second[0].featuresFromCache);
        QCOMPARE(count(store, "featurizers"), 1);
        QVERIFY(second[0].routers[0].predictedQuality == first[0].routers[0].predictedQuality);
        // The cached featurizer is the fitted one: it featurizes new text as the first did.
        const std::vector<std::string> typed = {"What is the capital of France?", "Prove that 2 + 2 = 4."};
        QVERIFY(second[0].pipeline.value().featurizer.transform(typed) == first[0].pipeline.value().featurizer.transform(typed));

        // The same experiment without the project fits again and predicts the same.
        const auto uncached = runExperiment({&data}, {}, spec());
        QVERIFY(!uncached[0].featuresFromCache);
        QVERIFY(uncached[0].routers[0].predictedQuality == first[0].routers[0].predictedQuality);
    }

    void anotherKeyFitsAgain()
    {
        OneDatasetProject project(projectPath("keys.routescope"), csv_);
        auto& [store, id, data] = project;
        const ExperimentData train = project.train();
        runExperiment(train, {}, spec());

        QVERIFY(!runExperiment(train, {}, spec(1))[0].featuresFromCache); // another seed
        ExperimentSpec wider = spec();
        wider.featurizer.dimensions = 24;
        QVERIFY(!runExperiment(train, {}, wider)[0].featuresFromCache); // other settings
        ExperimentSpec split = spec();
        split.trainFraction = 0.5;
        QVERIFY(!runExperiment(train, {}, split)[0].featuresFromCache); // other training rows
        QCOMPARE(count(store, "featurizers"), 4);
        for (const ExperimentSpec& again : {spec(1), wider, split})
            QVERIFY(runExperiment(train, {}, again)[0].featuresFromCache);
        QCOMPARE(count(store, "featurizers"), 4);

        // Embeddings need no text features: nothing is cached for them.
        const Eigen::MatrixXf embeddings = Eigen::MatrixXf::Random(data.queryCount(), 8);
        QVERIFY(!runExperiment({&data, &embeddings, &store, id}, {}, spec(7))[0].textFeatures);
        QCOMPARE(count(store, "featurizers"), 4);

        // Removing the dataset removes its cached features.
        store.removeDataset(id);
        QCOMPARE(count(store, "featurizers"), 0);
        QCOMPARE(count(store, "feature_sets"), 0);
    }

    void separateTestDatasetIsCachedWithTheFit()
    {
        ProjectStore store(projectPath("two.routescope"));
        const auto trainId = importDataset(store, csv_, {}).datasetId;
        ImportOptions asTest;
        asTest.datasetName = "test";
        const auto testId = importDataset(store, csv_, asTest).datasetId;
        const OutcomeMatrix trainData = store.loadOutcomes(trainId);
        const OutcomeMatrix testData = store.loadOutcomes(testId);
        const ExperimentData train{&trainData, nullptr, &store, trainId};
        const ExperimentData test{&testData, nullptr, &store, testId};

        const auto first = runExperiment(train, test, spec());
        QVERIFY(!first[0].featuresFromCache);
        QCOMPARE(count(store, "featurizers"), 1);
        QCOMPARE(count(store, "feature_sets"), 2);
        const auto second = runExperiment(train, test, spec());
        QVERIFY(second[0].featuresFromCache);
        QVERIFY(second[0].routers[0].predictedQuality == first[0].routers[0].predictedQuality);
        // Split within the training dataset instead, the featurizer is fitted on other rows: a miss.
        QVERIFY(!runExperiment(train, {}, spec())[0].featuresFromCache);
        QCOMPARE(count(store, "featurizers"), 2);
    }

    void trainingDatasetAsItsOwnTestSetIsOneEntry()
    {
        ProjectStore store(projectPath("self.routescope"));
        const auto id = importDataset(store, csv_, {}).datasetId;
        const OutcomeMatrix trainData = store.loadOutcomes(id);
        const OutcomeMatrix testData = store.loadOutcomes(id); // another copy of the same dataset
        const ExperimentData train{&trainData, nullptr, &store, id};
        const ExperimentData test{&testData, nullptr, &store, id};
        const auto first = runExperiment(train, test, spec());
        QVERIFY(first[0].warnings.empty());
        QCOMPARE(count(store, "feature_sets"), 1);
        const auto second = runExperiment(train, test, spec());
        QVERIFY(second[0].featuresFromCache);
        QVERIFY(second[0].routers[0].predictedQuality == first[0].routers[0].predictedQuality);
    }

    void failedStoreIsAWarningAndKeepsTheOldEntries()
    {
        OneDatasetProject project(projectPath("full.routescope"), csv_);
        auto& [store, id, data] = project;
        const ExperimentData train = project.train();
        runExperiment(train, {}, spec());
        // The disk "fills up" when features are written.
        store.database().exec("CREATE TRIGGER full BEFORE INSERT ON feature_sets BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        const auto failed = runExperiment(train, {}, spec(3));
        QCOMPARE(failed.size(), std::size_t(1));
        QCOMPARE(failed[0].routers.size(), std::size_t(1));
        QCOMPARE(failed[0].warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(failed[0].warnings[0]).contains("features not cached in the project: "));
        QVERIFY(QString::fromStdString(failed[0].warnings[0]).contains("disk full"));
        // The half-written entry is rolled back; the earlier one is whole and still used.
        QCOMPARE(count(store, "featurizers"), 1);
        QCOMPARE(count(store, "feature_sets"), 1);
        QVERIFY(runExperiment(train, {}, spec())[0].featuresFromCache);
    }

    void damagedEntryIsFittedAgain()
    {
        OneDatasetProject project(projectPath("damaged.routescope"), csv_);
        auto& [store, id, data] = project;
        const ExperimentData train = project.train();
        const auto first = runExperiment(train, {}, spec());

        store.database().exec("UPDATE feature_sets SET data = x'0102'");
        const auto afterBadFeatures = runExperiment(train, {}, spec());
        QVERIFY(!afterBadFeatures[0].featuresFromCache);
        QVERIFY(afterBadFeatures[0].routers[0].predictedQuality == first[0].routers[0].predictedQuality);
        QCOMPARE(count(store, "featurizers"), 1); // replaced, not added

        store.database().exec("UPDATE featurizers SET state = x'ffffffff00'");
        QVERIFY(!runExperiment(train, {}, spec())[0].featuresFromCache);
        QVERIFY(runExperiment(train, {}, spec())[0].featuresFromCache);
    }

    void readOnlyProjectReadsButDoesNotWrite()
    {
        const auto path = projectPath("readonly.routescope");
        std::int64_t id = 0;
        {
            ProjectStore store(path);
            id = importDataset(store, csv_, {}).datasetId;
            const OutcomeMatrix data = store.loadOutcomes(id);
            runExperiment({&data, nullptr, &store, id}, {}, spec());
        }
        ProjectStore store(path, ProjectStore::Access::ReadOnly);
        const OutcomeMatrix data = store.loadOutcomes(id);
        const ExperimentData train{&data, nullptr, &store, id};
        QVERIFY(runExperiment(train, {}, spec())[0].featuresFromCache);
        const auto miss = runExperiment(train, {}, spec(5));
        QVERIFY(!miss[0].featuresFromCache);
        QVERIFY(miss[0].warnings.empty());
        QCOMPARE(count(store, "featurizers"), 1);
    }

    void cacheSizeIsToldAndTheCacheCanBeCleared()
    {
        const auto path = projectPath("clear.routescope");
        std::int64_t id = 0;
        std::uintmax_t withCache = 0;
        {
            ProjectStore store(path);
            id = importDataset(store, csv_, {}).datasetId;
            QCOMPARE(featureCacheSize(store).fits, 0);
            QCOMPARE(featureCacheSize(store).bytes, 0);
            const OutcomeMatrix data = store.loadOutcomes(id);
            for (const std::uint64_t seed : {0, 1})
                runExperiment({&data, nullptr, &store, id}, {}, spec(seed));
            const FeatureCacheSize size = featureCacheSize(store);
            QCOMPARE(size.fits, 2);
            // At least the features: 2 fits x 300 queries x 32 floats.
            QVERIFY(size.bytes >= 2 * 300 * 32 * std::int64_t(sizeof(float)));
        }
        withCache = std::filesystem::file_size(path);
        {
            ProjectStore readOnly(path, ProjectStore::Access::ReadOnly);
            QVERIFY_THROWS_EXCEPTION(std::logic_error, clearFeatureCache(readOnly));
        }
        {
            ProjectStore store(path);
            clearFeatureCache(store);
            QCOMPARE(featureCacheSize(store).fits, 0);
            QCOMPARE(featureCacheSize(store).bytes, 0);
            QCOMPARE(store.datasets().size(), std::size_t(1)); // only the cache goes
            const OutcomeMatrix data = store.loadOutcomes(id);
            QVERIFY(!runExperiment({&data, nullptr, &store, id}, {}, spec())[0].featuresFromCache);
            clearFeatureCache(store);
        }
        QVERIFY(std::filesystem::file_size(path) < withCache); // the space went back
    }

    void rowsKeyTellsRowListsApart()
    {
        FeaturizerFit a{1, {}, {0, 1, 2}};
        FeaturizerFit b{1, {}, {0, 2, 1}};
        FeaturizerFit c{1, {}, {0, 1}};
        QVERIFY(a.rowsKey() != b.rowsKey());
        QVERIFY(a.rowsKey() != c.rowsKey());
        const FeaturizerFit otherDataset{2, {}, {0, 1, 2}};
        QCOMPARE(a.rowsKey(), otherDataset.rowsKey());
        QVERIFY(a.rowsKey().starts_with("n=3 "));
    }
};

QTEST_GUILESS_MAIN(TestFeatureCache)
#include "test_feature_cache.moc"
