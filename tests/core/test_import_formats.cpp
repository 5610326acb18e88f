// Valid files of every format: the stored queries, models, scores, costs, token counts and
// embeddings match values worked out by hand from the files under tests/data/good.

#include "import/importer.h"
#include "store/project_store.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <vector>

using namespace routescope;

namespace {

struct StoredOutcome {
    std::optional<double> score;
    std::optional<double> cost;
    std::optional<std::int64_t> inputTokens;
    std::optional<std::int64_t> outputTokens;
    std::optional<double> latency;
};

StoredOutcome outcome(ProjectStore& store, std::int64_t dataset, const std::string& sampleId, const std::string& model)
{
    auto find = store.database().prepare("SELECT COUNT(*) FROM queries WHERE dataset_id = ? AND sample_id = ?");
    find.bind(1, dataset).bind(2, sampleId);
    if (!find.step() || find.int64(0) != 1)
        throw std::runtime_error("no query " + sampleId);
    const auto value = [&](const char* column) { return test::storedOutcome(store.database(), sampleId, model, column, dataset); };
    StoredOutcome o;
    o.score = value("scores");
    o.cost = value("costs");
    if (const auto tokens = value("input_tokens"))
        o.inputTokens = std::int64_t(*tokens);
    if (const auto tokens = value("output_tokens"))
        o.outputTokens = std::int64_t(*tokens);
    o.latency = value("latencies");
    return o;
}

std::vector<float> embedding(ProjectStore& store, std::int64_t dataset, const std::string& sampleId)
{
    auto select = store.database().prepare(
        "SELECT e.vector FROM query_embeddings e JOIN queries q ON q.id = e.query_id"
        " WHERE q.dataset_id = ? AND q.sample_id = ?");
    select.bind(1, dataset).bind(2, sampleId);
    if (!select.step())
        return {};
    const std::string bytes = select.text(0);
    std::vector<float> values(bytes.size() / sizeof(float));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
    return values;
}

} // namespace

class TestImportFormats : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int projects_ = 0;
    std::string newProject() { return (dir_.path() + "/p" + QString::number(++projects_) + ".routescope").toStdString(); }

private slots:
    void formatNamesRoundTrip()
    {
        for (auto format : {DatasetFormat::Auto, DatasetFormat::RouterBenchWide, DatasetFormat::ScoresJson,
                            DatasetFormat::LongCsv, DatasetFormat::LongJsonl})
            QVERIFY(parseFormatName(formatName(format)) == format);
        QVERIFY(parseFormatName("routerbench") == DatasetFormat::RouterBenchWide);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseFormatName("xlsx"));
    }

    void bundledSampleDataImports()
    {
        ProjectStore store(newProject());
        const auto report = importDataset(store, std::string(ROUTESCOPE_SAMPLE_DATA) + "/sample_routerbench.csv", {});
        QVERIFY(report.format == DatasetFormat::RouterBenchWide);
        QCOMPARE(report.queries, 3000);
        QCOMPARE(report.models, 11);
        QCOMPARE(report.incompleteRows, 0);
        const OutcomeMatrix m = store.loadOutcomes(report.datasetId);
        Eigen::Index best = 0;
        m.scores.colwise().mean().maxCoeff(&best);
        QCOMPARE(m.models[std::size_t(best)].name, std::string("gpt-4-1106-preview"));
        QVERIFY((m.costs.array() > 0).all());
        // The prompt's Python list repr is turned back into text with real line breaks.
        QVERIFY(m.queries[0].text.find("\\n") == std::string::npos);
        QVERIFY(m.queries[0].text.rfind("['", 0) == std::string::npos);
    }

    void wideCsvWithIndexResponsesAndUnicodeModel()
    {
        ProjectStore store(newProject());
        const auto report = importDataset(store, test::testData("good/wide_small.csv"), {});
        QVERIFY(report.format == DatasetFormat::RouterBenchWide);
        QCOMPARE(report.datasetName, std::string("wide_small"));
        QCOMPARE(report.queries, 2);
        QCOMPARE(report.incompleteRows, 1);
        QCOMPARE(report.models, 2);
        QVERIFY(report.warnings.empty());

        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.models[0].name, std::string("modèle-α"));
        QCOMPARE(m.models[1].name, std::string("meta/llama-2-70b-chat"));
        QCOMPARE(m.queries[0].sampleId, std::string("q1"));
        QCOMPARE(m.queries[0].text, std::string("Line one\nLine two\nit's \\ ok \u00e9 \u00e9 \U0001F600"));
        QCOMPARE(m.queries[0].task, std::string("mmlu"));
        QCOMPARE(m.queries[1].text, std::string("plain prompt text"));
        // Each prompt's length is stored in bytes (the emoji is 4), as training reads it.
        QCOMPARE(store.loadPromptBytes(report.datasetId),
                 (std::vector<double>{double(m.queries[0].text.size()), double(m.queries[1].text.size())}));
        QCOMPARE(m.queries[0].text.size(), std::size_t(38));
        QCOMPARE(m.scores(0, 0), 1.0);
        QCOMPARE(m.scores(0, 1), 0.0);
        QCOMPARE(m.costs(0, 0), 0.002);
        QCOMPARE(m.costs(0, 1), 0.0005);
        QCOMPARE(m.scores(1, 0), 0.5);
        QCOMPARE(m.costs(1, 1), 0.0001);

        // Answer length from the response: ceil(bytes / 4); the prompt sizes the input the same way.
        const auto q1 = outcome(store, report.datasetId, "q1", "modèle-α");
        QCOMPARE(q1.outputTokens.value(), 3); // "ABCDEFGHI"
        QCOMPARE(q1.inputTokens.value(), (std::int64_t(m.queries[0].text.size()) + 3) / 4);
        QCOMPARE(outcome(store, report.datasetId, "q1", "meta/llama-2-70b-chat").outputTokens.value(), 2); // a, "b"
        QVERIFY(!outcome(store, report.datasetId, "q2", "modèle-α").outputTokens);                       // empty cell
        // The incomplete row keeps its empty cells as NULL, never 0.
        const auto q3a = outcome(store, report.datasetId, "q3", "modèle-α");
        QVERIFY(!q3a.score);
        QCOMPARE(q3a.cost.value(), 0.003);
        const auto q3b = outcome(store, report.datasetId, "q3", "meta/llama-2-70b-chat");
        QCOMPARE(q3b.score.value(), 1.0);
        QVERIFY(!q3b.cost);
    }

    void wideCsvWithBomCrlfAndNoSampleId()
    {
        ProjectStore store(newProject());
        const auto report = importDataset(store, test::testData("good/wide_bom_crlf.csv"), {});
        QCOMPARE(report.queries, 2);
        QCOMPARE(report.models, 1);
        QCOMPARE(report.warnings.size(), std::size_t(1));
        QVERIFY(report.warnings[0].find("no 'sample_id' column") != std::string::npos);
        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.models[0].name, std::string("solo"));
        QCOMPARE(m.queries[0].sampleId, std::string("1"));
        QCOMPARE(m.queries[0].text, std::string("first\r\nsecond"));
        QCOMPARE(m.queries[1].sampleId, std::string("2"));
        QCOMPARE(m.queries[1].task, std::string("t2"));
        QCOMPARE(m.scores(0, 0), 0.25);
        QCOMPARE(m.costs(0, 0), 0.001);
        QCOMPARE(m.costs(1, 0), 0.002);
    }

    void wideCsvEmbeddingColumns()
    {
        ProjectStore store(newProject());
        const auto report = importDataset(store, test::testData("good/wide_embeddings.csv"), {});
        QCOMPARE(report.queries, 2);
        QCOMPARE(embedding(store, report.datasetId, "a"), (std::vector<float>{0.5f, -1.0f, 2.25f}));
        QCOMPARE(embedding(store, report.datasetId, "b"), (std::vector<float>{0.1f, 0.0f, 3.0f}));
    }

    void singleQuerySingleModel()
    {
        ProjectStore store(newProject());
        ImportOptions options;
        options.format = DatasetFormat::RouterBenchWide;
        options.datasetName = "tiny";
        const auto first = importDataset(store, test::testData("good/wide_single.csv"), options);
        const auto second = importDataset(store, test::testData("good/wide_single.csv"), options);
        QCOMPARE(first.datasetName, std::string("tiny"));
        QCOMPARE(second.datasetName, std::string("tiny-2"));
        const auto m = store.loadOutcomes(second.datasetId);
        QCOMPARE(m.queryCount(), 1);
        QCOMPARE(m.modelCount(), 1);
        QCOMPARE(m.scores(0, 0), 0.8);
        QCOMPARE(m.costs(0, 0), 0.125);
    }

    void scoresJsonCostsFromPriceTable()
    {
        ProjectStore store(newProject());
        ImportOptions options;
        options.pricesPath = test::testData("good/prices_small.json");
        const auto report = importDataset(store, test::testData("good/scores_small.json"), options);
        QVERIFY(report.format == DatasetFormat::ScoresJson);
        QCOMPARE(report.queries, 2);
        QCOMPARE(report.incompleteRows, 1);
        QCOMPARE(report.models, 2);
        const auto summary = store.datasets().at(0);
        QCOMPARE(summary.models[0].name, std::string("m_a"));
        QCOMPARE(summary.models[0].inputPrice.value(), 1.0);
        QCOMPARE(summary.models[1].outputPrice.value(), 30.0);

        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.queries[0].sampleId, std::string("0"));
        QCOMPARE(m.queries[1].sampleId, std::string("x-7"));
        QCOMPARE(m.queries[1].task, std::string("math"));
        QCOMPARE(m.queries[1].text, std::string("h\u00e9llo w\n"));
        // "abcdefgh": 8 bytes -> 2 input tokens, 200 answer tokens by default.
        QCOMPARE(m.costs(0, 0), (2 * 1.0 + 200 * 2.0) / 1e6);
        QCOMPARE(m.costs(0, 1), (2 * 10.0 + 200 * 30.0) / 1e6);
        QCOMPARE(m.scores(0, 1), 0.5);
        // "héllo w\n": 9 bytes -> 3 tokens; m_b's response "0123456789": 10 bytes -> 3 tokens.
        QCOMPARE(m.costs(1, 0), (3 * 1.0 + 200 * 2.0) / 1e6);
        QCOMPARE(m.costs(1, 1), (3 * 10.0 + 3 * 30.0) / 1e6);
        QCOMPARE(m.scores(1, 0), 0.0);
        QCOMPARE(outcome(store, report.datasetId, "x-7", "m_b").outputTokens.value(), 3);
        QCOMPARE(embedding(store, report.datasetId, "x-7"), (std::vector<float>{0.5f, 1.5f}));
        QVERIFY(!outcome(store, report.datasetId, "2", "m_a").score);
    }

    void scoresJsonAnswerTokensOption()
    {
        ProjectStore store(newProject());
        ImportOptions options;
        options.pricesPath = test::testData("good/prices_small.json");
        options.defaultAnswerTokens = 50;
        const auto report = importDataset(store, test::testData("good/scores_small.json"), options);
        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.costs(0, 1), (2 * 10.0 + 50 * 30.0) / 1e6);
    }

    void headersInAnyLetterCaseAndTinyNumbers()
    {
        // "Sample_ID,Model,Score,Cost" is a long file, and 1e-400 (below a double's range) is 0.
        ProjectStore store(newProject());
        const auto longReport = importDataset(store, test::testData("good/long_header_case.csv"), {});
        QVERIFY(longReport.format == DatasetFormat::LongCsv);
        QCOMPARE(longReport.queries, 2);
        QCOMPARE(longReport.models, 2);
        const auto longData = store.loadOutcomes(longReport.datasetId);
        QCOMPARE(longData.queries[0].text, std::string("hello"));
        QCOMPARE(longData.scores(0, 1), 0.0);
        QCOMPARE(longData.costs(1, 1), 0.2);

        const auto wideReport = importDataset(store, test::testData("good/wide_header_case.csv"), {});
        QVERIFY(wideReport.format == DatasetFormat::RouterBenchWide);
        const auto wideData = store.loadOutcomes(wideReport.datasetId);
        QCOMPARE(wideData.queries[0].sampleId, std::string("q1"));
        QCOMPARE(wideData.queries[0].text, std::string("hi"));
        QCOMPARE(wideData.scores(0, 0), 0.0);
        QVERIFY(wideData.costs(0, 1) > 0 && wideData.costs(0, 1) < 1e-300); // a subnormal, kept
    }

    void longCsvAndJsonlStoreTheSameValues_data()
    {
        QTest::addColumn<std::string>("file");
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << std::string("good/long_small.csv") << int(DatasetFormat::LongCsv);
        QTest::newRow("jsonl") << std::string("good/long_small.jsonl") << int(DatasetFormat::LongJsonl);
    }

    void longCsvAndJsonlStoreTheSameValues()
    {
        QFETCH(std::string, file);
        QFETCH(int, format);
        ProjectStore store(newProject());
        const auto report = importDataset(store, test::testData(file), {});
        QCOMPARE(int(report.format), format);
        QCOMPARE(report.queries, 2);
        QCOMPARE(report.incompleteRows, 1);
        QCOMPARE(report.models, 2);
        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.queries[0].sampleId, std::string("q1"));
        QCOMPARE(m.queries[1].sampleId, std::string("q2"));
        QCOMPARE(m.queries[1].text, std::string("name a prime"));
        QCOMPARE(m.queries[0].task, std::string("math"));
        QCOMPARE(m.models[0].name, std::string("m1"));
        QCOMPARE(m.scores(0, 0), 1.0);
        QCOMPARE(m.scores(0, 1), 0.5);
        QCOMPARE(m.scores(1, 0), 0.0);
        QCOMPARE(m.costs(0, 1), 0.1);
        QCOMPARE(m.costs(1, 1), 0.2);
        const auto q1m2 = outcome(store, report.datasetId, "q1", "m2");
        QCOMPARE(q1m2.inputTokens.value(), 10);
        QCOMPARE(q1m2.outputTokens.value(), 40);
        QCOMPARE(q1m2.latency.value(), 1.25);
        const auto q2m1 = outcome(store, report.datasetId, "q2", "m1");
        QVERIFY(!q2m1.inputTokens && !q2m1.latency);
        QVERIFY(!outcome(store, report.datasetId, "q3", "m2").cost);
        QCOMPARE(embedding(store, report.datasetId, "q1"), (std::vector<float>{0.1f, 0.2f}));
        QCOMPARE(embedding(store, report.datasetId, "q3"), (std::vector<float>{3.0f, 4.0f}));
    }
};

QTEST_GUILESS_MAIN(TestImportFormats)
#include "test_import_formats.moc"
