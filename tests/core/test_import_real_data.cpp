// The real RouterBench and LLMRouter files from ../shared/data: counts, and values read
// independently (Python's csv/json modules) from the files.

#include "import/importer.h"
#include "store/project_store.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace routescope;

namespace {

Eigen::Index columnOf(const OutcomeMatrix& m, const std::string& model)
{
    for (std::size_t j = 0; j < m.models.size(); ++j)
        if (m.models[j].name == model)
            return static_cast<Eigen::Index>(j);
    throw std::runtime_error("no model " + model);
}

} // namespace

class TestImportRealData : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string project(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

private slots:
    void routerBenchArcChallenge()
    {
        ROUTESCOPE_REQUIRE_SHARED(train, "routerbench/arc_challenge_train.csv");
        ROUTESCOPE_REQUIRE_SHARED(test, "routerbench/arc_challenge_test.csv");
        ProjectStore store(project("arc.routescope"));
        int reports = 0;
        double lastFraction = 0;
        JobControl job;
        job.progress = [&](double fraction, const std::string&) {
            ++reports;
            QVERIFY(fraction >= lastFraction);
            lastFraction = fraction;
        };
        const auto trainReport = importDataset(store, train.toStdString(), {}, job);
        QCOMPARE(trainReport.queries + trainReport.incompleteRows, 1039);
        QCOMPARE(trainReport.incompleteRows, 20);
        QCOMPARE(trainReport.models, 11);
        QVERIFY(reports >= 3); // the 2.5 MB file spans three 1 MiB chunks
        QCOMPARE(lastFraction, 1.0);
        // Seven prompts appear twice (partial runs); the repeats are kept apart by the row index.
        QCOMPARE(std::count_if(trainReport.warnings.begin(), trainReport.warnings.end(),
                               [](const std::string& w) { return w.find("repeats line") != std::string::npos; }),
                 7);

        const auto testReport = importDataset(store, test.toStdString(), {});
        QCOMPARE(testReport.queries + testReport.incompleteRows, 445);
        QCOMPARE(testReport.incompleteRows, 8);
        QCOMPARE(testReport.models, 11);

        const auto m = store.loadOutcomes(trainReport.datasetId);
        QCOMPARE(m.queries[0].sampleId, std::string("arc-challenge.test.1108"));
        QVERIFY(m.queries[0].text.rfind("George wants to warm his hands quickly by rubbing them. Which skin surface "
                                        "will produce the most heat?\nA) dry palms\nB) wet palms\n",
                                        0) == 0);
        QCOMPARE(m.queries[0].text.size(), std::size_t(2221));
        QVERIFY(m.queries[0].text.find("\\n") == std::string::npos);
        QCOMPARE(m.queries[0].task, std::string("arc-challenge"));
        const auto gpt4 = columnOf(m, "gpt-4-1106-preview");
        const auto llama = columnOf(m, "meta/llama-2-70b-chat");
        QCOMPARE(m.scores(0, gpt4), 1.0);
        QCOMPARE(m.costs(0, gpt4), 0.00533);
        QCOMPARE(m.costs(0, llama), 0.0004788);
        const auto last = m.queryCount() - 1;
        QCOMPARE(m.queries[static_cast<std::size_t>(last)].sampleId, std::string("arc-challenge.test.1078"));
        QCOMPARE(m.scores(last, columnOf(m, "claude-v2")), 0.0);
        QCOMPARE(m.costs(last, columnOf(m, "claude-v2")), 0.004224);
    }

    void llmRouterScoresWithPrices()
    {
        ROUTESCOPE_REQUIRE_SHARED(train, "llmrouter/train.json");
        ROUTESCOPE_REQUIRE_SHARED(test, "llmrouter/test.json");
        ROUTESCOPE_REQUIRE_SHARED(prices, "llmrouter/llm_prices.json");
        ProjectStore store(project("llmrouter.routescope"));
        ImportOptions options;
        options.pricesPath = prices.toStdString();
        const auto trainReport = importDataset(store, train.toStdString(), options);
        const auto testReport = importDataset(store, test.toStdString(), options);
        QCOMPARE(trainReport.queries, 5608);
        QCOMPARE(testReport.queries, 500);
        QCOMPARE(trainReport.incompleteRows, 0);
        QCOMPARE(trainReport.models, 9);
        QCOMPARE(testReport.models, 9);

        const auto m = store.loadOutcomes(trainReport.datasetId);
        const auto gemma = columnOf(m, "gemma-2-9b-it");
        const auto nemotron = columnOf(m, "llama-3.3-nemotron-super-49b-v1");
        // First question: 1,473 bytes -> 369 input tokens, plus 200 answer tokens.
        QCOMPARE(m.costs(0, gemma), (369 * 0.1 + 200 * 0.1) / 1e6);
        QCOMPARE(m.costs(0, nemotron), (369 * 0.9 + 200 * 0.9) / 1e6);
        QCOMPARE(m.models[static_cast<std::size_t>(gemma)].inputPrice.value(), 0.1);
        // Totals over all 5,608 questions, summed independently in Python.
        QVERIFY(std::abs(m.costs.col(gemma).sum() - 0.1564648) < 1e-9);
        QVERIFY(std::abs(m.costs.col(nemotron).sum() - 1.4081832) < 1e-9);
        QVERIFY(std::abs(m.scores.col(gemma).mean() - 0.5346588727294223) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestImportRealData)
#include "test_import_real_data.moc"
