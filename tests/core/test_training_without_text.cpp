// Training loads a dataset's outcomes without the prompts' text (issue 15 item 2): with the text
// features in the project's cache it never uses the text and gives exactly the runs of a training
// on the text; on a cache miss it reads the text from the project and fits as before. (The
// workbench loads the text, which its query inspector shows.)

#include "experiment/experiment_inputs.h"
#include "features/feature_cache.h"
#include "import/importer.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

namespace {

ExperimentSpec spec()
{
    ExperimentSpec s;
    s.routers = {parseRouterSpec("ridge"), parseRouterSpec("knn")};
    s.seeds = {0, 1};
    s.featurizer.dimensions = 32;
    return s;
}

// Every number of two experiments' runs is the same, bit for bit.
bool sameRuns(const std::vector<ExperimentRun>& a, const std::vector<ExperimentRun>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t s = 0; s < a.size(); ++s) {
        const ExperimentRun &x = a[s], &y = b[s];
        if (x.seed != y.seed || x.trainRows != y.trainRows || x.validationRows != y.validationRows ||
            x.testRows != y.testRows || x.trueScores != y.trueScores || x.trueCosts != y.trueCosts ||
            x.predictedCost != y.predictedCost || x.routers.size() != y.routers.size())
            return false;
        for (std::size_t r = 0; r < x.routers.size(); ++r)
            if (x.routers[r].spec.name != y.routers[r].spec.name ||
                x.routers[r].predictedQuality != y.routers[r].predictedQuality)
                return false;
    }
    return true;
}

// Each prompt replaced by as many x's: the same lengths, so the same costs predicted, other text features.
void overwritePrompts(ProjectStore& store)
{
    store.database().exec("UPDATE queries SET text = printf('%.*c', length(CAST(text AS BLOB)), 'x')");
}

} // namespace

class TestTrainingWithoutText : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string csv_;

    std::string projectPath(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

private slots:
    void initTestCase()
    {
        csv_ = (dir_.path() + "/synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv_, 4, 240);
    }

    void loadsTheOutcomesWithoutTextButWithEachPromptsLength()
    {
        ProjectStore store(projectPath("load.routescope"));
        const auto id = importDataset(store, csv_, {}).datasetId;
        // A prompt of multi-byte characters: its length is its bytes, as std::string::size() counts.
        const std::string accented = "Caf\u00e9 \u65e5\u672c: 2 + 2 = ?";
        auto set = store.database().prepare(
            "UPDATE queries SET text = ?1, prompt_bytes = length(CAST(?1 AS BLOB)) WHERE dataset_id = ?2 AND position = 0");
        set.bind(1, accented).bind(2, id).run();
        const OutcomeMatrix full = store.loadOutcomes(id);
        QCOMPARE(full.queries.front().text, accented);

        const ExperimentInputs inputs = loadExperimentInputs(store, id, std::nullopt, /*withText=*/false);
        QCOMPARE(inputs.train->queryCount(), full.queryCount());
        QVERIFY(inputs.train->scores == full.scores && inputs.train->costs == full.costs);
        QVERIFY(inputs.trainPromptBytes);
        QCOMPARE(inputs.trainPromptBytes->size(), full.queries.size());
        QCOMPARE(inputs.trainPromptBytes->front(), double(accented.size()));
        for (std::size_t i = 0; i < full.queries.size(); ++i) {
            QVERIFY(inputs.train->queries[i].text.empty());
            QCOMPARE(inputs.train->queries[i].sampleId, full.queries[i].sampleId);
            QCOMPARE(inputs.train->queries[i].task, full.queries[i].task);
            QCOMPARE((*inputs.trainPromptBytes)[i], double(full.queries[i].text.size()));
        }
    }

    void aCacheHitNeverUsesTheTextAndGivesTheSameRuns()
    {
        ProjectStore store(projectPath("hit.routescope"));
        const auto id = importDataset(store, csv_, {}).datasetId;
        const OutcomeMatrix full = store.loadOutcomes(id);
        // Trained on the text with a cold cache, as before; this fills the cache.
        const auto cold = runExperiment({&full, nullptr, &store, id}, {}, spec());
        QVERIFY(!cold[0].featuresFromCache);

        // The project's prompts are now other text of the same lengths: a training that used the
        // text would make other features.
        overwritePrompts(store);
        const ExperimentInputs inputs = loadExperimentInputs(store, id, std::nullopt, /*withText=*/false);
        const auto hit = runExperiment(inputs.trainData(&store), inputs.testData(&store), spec());
        QVERIFY(hit[0].featuresFromCache && hit[1].featuresFromCache);
        QVERIFY(sameRuns(hit, cold));

        // Control: with the cache cleared the text is read, and the overwritten text shows.
        clearFeatureCache(store);
        const auto miss = runExperiment(inputs.trainData(&store), inputs.testData(&store), spec());
        QVERIFY(!miss[0].featuresFromCache);
        QVERIFY(miss[0].predictedCost == cold[0].predictedCost); // the same lengths
        QVERIFY(miss[0].routers[0].predictedQuality != cold[0].routers[0].predictedQuality);
    }

    void aCacheMissReadsTheTextAndFitsAsBefore()
    {
        ProjectStore store(projectPath("miss.routescope"));
        const auto trainId = importDataset(store, csv_, {}).datasetId;
        ImportOptions asTest;
        asTest.datasetName = "test";
        const auto testId = importDataset(store, csv_, asTest).datasetId;
        const OutcomeMatrix trainFull = store.loadOutcomes(trainId), testFull = store.loadOutcomes(testId);
        // Without a project, from the text in memory: nothing cached.
        const auto fromText = runExperiment({&trainFull}, {&testFull}, spec());

        const ExperimentInputs inputs = loadExperimentInputs(store, trainId, testId, /*withText=*/false);
        const auto miss = runExperiment(inputs.trainData(&store), inputs.testData(&store), spec());
        QVERIFY(!miss[0].featuresFromCache);
        QVERIFY(sameRuns(miss, fromText));
        // The featurizer fitted from the project's text featurizes as the one fitted from memory.
        const std::vector<std::string> typed = {"What is the capital of France?", "Prove that 2 + 2 = 4."};
        QVERIFY(miss[0].pipeline.value().featurizer.transform(typed) == fromText[0].pipeline.value().featurizer.transform(typed));

        const auto hit = runExperiment(inputs.trainData(&store), inputs.testData(&store), spec());
        QVERIFY(hit[0].featuresFromCache);
        QVERIFY(sameRuns(hit, fromText));
    }

    void textLoadedUpFrontNeedsNoProject()
    {
        // compare --train FILE: the temporary project is not given to the experiment.
        ProjectStore store(projectPath("files.routescope"));
        const auto id = importDataset(store, csv_, {}).datasetId;
        const ExperimentInputs withText = loadExperimentInputs(store, id, std::nullopt, /*withText=*/true);
        QVERIFY(!withText.trainPromptBytes);
        const ExperimentInputs withoutText = loadExperimentInputs(store, id, std::nullopt, /*withText=*/false);
        QVERIFY(sameRuns(runExperiment(withText.trainData(nullptr), {}, spec()),
                         runExperiment(withoutText.trainData(&store), {}, spec())));
        // Without the text and without a project to read it from, it says so.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runExperiment(withoutText.trainData(nullptr), {}, spec()));
    }

    void lengthsThatDoNotMatchTheQueriesAreRefused()
    {
        // What another program changing the project between the two reads would leave.
        ProjectStore store(projectPath("changed.routescope"));
        const auto id = importDataset(store, csv_, {}).datasetId;
        const ExperimentInputs inputs = loadExperimentInputs(store, id, std::nullopt, /*withText=*/false);
        std::vector<double> fewer(*inputs.trainPromptBytes);
        fewer.pop_back();
        ExperimentData train = inputs.trainData(&store);
        train.promptBytes = &fewer;
        try {
            runExperiment(train, {}, spec());
            QFAIL("lengths for fewer queries than the outcomes were accepted");
        } catch (const std::invalid_argument& e) {
            const std::string expected = std::to_string(fewer.size()) + " prompt lengths for " +
                std::to_string(inputs.train->queryCount()) + " queries: the project changed";
            QVERIFY2(std::string(e.what()).find(expected) == 0, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainingWithoutText)
#include "test_training_without_text.moc"
