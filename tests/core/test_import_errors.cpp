// Malformed input: every bad file fails with its file, line, column and problem, and leaves
// the project as it was; so does a cancelled import.

#include "import/importer.h"
#include "store/dataset_writer.h"
#include "store/project_store.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fstream>
#include <sstream>

using namespace routescope;

Q_DECLARE_METATYPE(std::string)

namespace {

// Everything a failed import could have touched: the datasets summary and each table's row count.
std::string projectSnapshot(ProjectStore& store)
{
    std::ostringstream out;
    for (const auto& d : store.datasets()) {
        out << d.id << ' ' << d.name << ' ' << d.format << ' ' << d.queries << ' ' << d.incompleteRows << '\n';
        for (const auto& m : d.models)
            out << "  " << m.name << ' ' << m.meanScore << ' ' << m.totalCost << ' ' << m.inputPrice.value_or(-1) << ' '
                << m.outputPrice.value_or(-1) << '\n';
    }
    auto tables = store.database().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (tables.step()) {
        const auto table = tables.text(0);
        auto count = store.database().prepare("SELECT COUNT(*) FROM \"" + table + "\"");
        count.step();
        out << table << ' ' << count.int64(0) << '\n';
    }
    return out.str();
}

void writeExistingDataset(ProjectStore& store)
{
    DatasetWriter writer(store, "existing", "long-csv", "existing.csv");
    const int a = writer.addModel("a", 1, 2);
    const int b = writer.addModel("b");
    const auto q0 = writer.addQuery("q0", "kept text", "task");
    const auto q1 = writer.addQuery("q1", "other", "task");
    writer.addOutcome(q0, a, {1.0, 0.5});
    writer.addOutcome(q0, b, {0.0, 0.25});
    writer.addOutcome(q1, a, {0.5, 0.125});
    writer.addOutcome(q1, b, {std::nullopt, 0.125});
    writer.commit();
}

} // namespace

class TestImportErrors : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int projects_ = 0;
    std::string newProject() { return (dir_.path() + "/p" + QString::number(++projects_) + ".routescope").toStdString(); }

private slots:
    void badFileChangesNothing_data()
    {
        QTest::addColumn<std::string>("file");
        QTest::addColumn<std::string>("prices");
        QTest::addColumn<std::string>("errorFile"); // the file the error must name
        QTest::addColumn<qint64>("line");
        QTest::addColumn<qint64>("column");
        QTest::addColumn<std::string>("problem");
        auto row = [](const char* file, qint64 line, qint64 column, const char* problem, const char* prices = "",
                      const char* errorFile = nullptr) {
            QTest::newRow(file) << std::string(file) << std::string(prices) << std::string(errorFile ? errorFile : file)
                                << line << column << std::string(problem);
        };
        row("empty.csv", 1, 0, "empty file");
        row("wide_quote_in_unquoted.csv", 2, 2, "quote inside an unquoted field");
        row("wide_unterminated_quote.csv", 3, 2, "unterminated quoted field");
        row("wide_text_after_quote.csv", 2, 2, "unexpected text after a closing quote");
        row("wide_crlf_bare_cr_after_quote.csv", 2, 2, "unexpected carriage return after a closing quote");
        row("wide_ragged_short.csv", 3, 0, "row has 6 cells, the header has 7");
        row("wide_ragged_long.csv", 4, 0, "row has 8 cells, the header has 7");
        row("wide_duplicate_sample_id.csv", 4, 1, "duplicate sample_id 'q1' (first on line 2)");
        row("wide_nan_score.csv", 2, 4, "score for model 'm1' is NaN");
        row("wide_inf_cost.csv", 2, 7, "cost for model 'm2' 'inf' is not finite");
        row("wide_text_score.csv", 3, 5, "score for model 'm2' 'yes' is not a number");
        row("wide_negative_cost.csv", 2, 6, "cost for model 'm1' '-0.1' is negative");
        row("wide_missing_cost_column.csv", 1, 5, "model 'm2' has a score column but no 'm2|total_cost' column");
        row("wide_cost_without_score.csv", 1, 8, "column 'm3|total_cost' has no score column 'm3'");
        row("wide_missing_prompt.csv", 1, 0, "no 'prompt' column");
        row("wide_no_models.csv", 1, 0, "no model score columns");
        row("wide_header_only.csv", 2, 0, "no data rows after the header");
        row("wide_binary.csv", 3, 5, "binary data (NUL byte)");
        row("wide_invalid_utf8.csv", 2, 7, "invalid UTF-8 byte 0xFF");
        row("wide_overlong_utf8.csv", 3, 4, "invalid UTF-8 byte 0xC0");
        row("wide_truncated_utf8.csv", 3, 1, "ends inside a multi-byte character");
        row("wide_multiline_bad_score.csv", 5, 4, "score for model 'm1' 'oops' is not a number");
        row("wide_duplicate_column.csv", 1, 4, "duplicate column name 'm1'");
        row("wide_embedding_gap.csv", 1, 4, "emb_1 is missing");
        row("scores_truncated.json", 3, 39, "expected ',' or '}' in an object, found end of file", "prices.json");
        row("scores_unknown_model.json", 3, 47, "model 'm9' is not in the price table", "prices.json");
        row("scores_nan_score.json", 3, 38, "score for model 'm1' is NaN", "prices.json");
        row("scores_infinity.json", 1, 46, "score for model 'm2' -Infinity is not finite", "prices.json");
        row("scores_text_score.json", 3, 21, "score for model 'm1' must be a number, not a string", "prices.json");
        row("scores_missing_question.json", 3, 3, "record has no \"question\" key", "prices.json");
        row("scores_not_array.json", 1, 0, "must start with '[' (scores JSON) or '{' (JSON lines)", "prices.json");
        row("scores_duplicate_id.json", 3, 10, "duplicate id '7' (first on line 2)", "prices.json");
        row("scores_trailing_comma.json", 3, 1, "trailing comma", "prices.json");
        row("scores_duplicate_model_key.json", 1, 40, "duplicate key 'm1'", "prices.json");
        row("scores_bad_escape.json", 1, 17, "invalid escape \\q", "prices.json");
        row("scores_text_after_array.json", 4, 1, "unexpected ']' after the end of the JSON value", "prices.json");
        row("scores_uses_bad_price.json", 2, 25, "input_price of model 'm1' must be a number", "prices_text.json",
            "prices_text.json");
        QTest::newRow("scores without prices") << std::string("scores_uses_bad_price.json") << std::string()
                                               << std::string("scores_uses_bad_price.json") << qint64(0) << qint64(0)
                                               << std::string("give a price table");
        QTest::newRow("scores with missing price file")
            << std::string("scores_uses_bad_price.json") << std::string("no_such_prices.json")
            << std::string("no_such_prices.json") << qint64(0) << qint64(0) << std::string("cannot open");
        row("long_duplicate_pair.csv", 4, 2, "duplicate (query, model) pair ('q1', 'm1'); the query first appears on line 2");
        row("long_missing_cost_column.csv", 1, 0, "no 'cost' column");
        row("long_negative_cost.csv", 3, 4, "cost '-5e-3' is negative");
        row("long_inf_score.csv", 2, 3, "score 'Infinity' is not finite");
        row("long_empty_model.csv", 3, 2, "empty model name");
        row("long_bad_tokens.csv", 2, 5, "input_tokens '12.5' is not a whole number");
        row("long_embedding_dims.csv", 3, 5, "embedding has 3 dimensions, earlier ones had 2");
        row("long_duplicate_pair.jsonl", 3, 29, "duplicate (query, model) pair ('q1', 'm1')");
        row("long_two_objects_one_line.jsonl", 1, 51, "expected one JSON value per line");
        row("long_not_object.jsonl", 2, 1, "each line must hold a JSON object, not an array");
        row("long_missing_score.jsonl", 1, 1, "record has no 'score' key");
        row("long_truncated.jsonl", 2, 26, "unterminated string");
        row("long_nan_cost.jsonl", 1, 46, "cost is NaN");
        row("long_control_char.jsonl", 1, 22, "control character in a string");
        row("long_score_not_number.jsonl", 1, 35, "score must be a number, not a boolean");
        row("wide_score_above_one.csv", 3, 5, "score for model 'm2' '1.5' is outside [0, 1]");
        row("long_score_above_one.csv", 3, 3, "score '3' is outside [0, 1]");
        row("long_negative_score.jsonl", 2, 38, "score -0.25 is outside [0, 1]");
        row("scores_percent_score.json", 2, 47, "score for model 'm2' 100 is outside [0, 1]", "prices.json");
        row("long_unterminated_quote.csv", 3, 2, "unterminated quoted field");
        row("long_ragged.csv", 2, 0, "row has 5 cells, the header has 4");
        row("long_truncated.csv", 3, 0, "row has 3 cells, the header has 4");
        row("long_text_cost.csv", 2, 4, "cost 'free' is not a number");
        row("long_invalid_utf8.csv", 2, 5, "invalid UTF-8 sequence");
        row("long_empty.jsonl", 1, 0, "empty file");
        row("long_binary.jsonl", 2, 1, "binary data (NUL byte)");
        row("long_deep_nesting.jsonl", 1, 312, "JSON nested too deeply");
        row("long_long_number.jsonl", 1, 35, "number longer than 400 characters");
        row("scores_blank.json", 1, 0, "empty file", "prices.json");
        row("scores_empty_array.json", 2, 0, "the array holds no records", "prices.json");
        row("scores_uses_incomplete_price.json", 1, 53, "price entry of model 'm2' has no \"output_price\"",
            "prices_missing_output.json", "prices_missing_output.json");
        // Line ends, headers, NUL, and numbers beyond their ranges (issue #10).
        row("wide_bare_cr.csv", 1, 4, "carriage return without a line feed (old Mac or mixed line ends)");
        row("wide_mixed_line_ends.csv", 3, 4, "carriage return without a line feed (old Mac or mixed line ends)");
        row("long_header_trailing_comma.csv", 1, 5, "column 5 has no name");
        row("wide_header_trailing_comma.csv", 1, 5, "column 5 has no name");
        row("long_nul_escape.jsonl", 1, 73, "\\u0000 (a NUL character) in a string");
        row("scores_nul_escape.json", 2, 21, "\\u0000 (a NUL character) in a string", "prices.json");
        row("scores_uses_huge_price.json", 1, 24, "input_price of model 'm1' 1e308 is above the limit of $1,000,000 per million tokens",
            "prices_huge.json", "prices_huge.json");
        row("long_cost_too_large.csv", 3, 4, "cost '2e6' is above the limit of $1,000,000 per query");
        row("long_tokens_too_large.csv", 2, 5, "input_tokens '99999999999' is above the limit of 1,000,000,000 tokens");
        row("long_tokens_huge.jsonl", 1, 78, "output_tokens '1e30' is above the limit of 1,000,000,000 tokens");
        row("long_latency_too_large.jsonl", 1, 72, "latency 1e7 is above the limit of 1,000,000 seconds");
        row("wide_embedding_overflow.csv", 2, 6, "embedding value '1e39' does not fit a 32-bit float");
        row("long_embedding_overflow.csv", 2, 5, "embedding element 1 '1e39' is not a finite number a 32-bit float can hold");
        row("long_score_bad_exponent.csv", 3, 3, "score '1e-400x' is not a number");
    }

    void badFileChangesNothing()
    {
        QFETCH(std::string, file);
        QFETCH(std::string, prices);
        QFETCH(std::string, errorFile);
        QFETCH(qint64, line);
        QFETCH(qint64, column);
        QFETCH(std::string, problem);

        ProjectStore store(newProject());
        writeExistingDataset(store);
        const std::string before = projectSnapshot(store);
        ImportOptions options;
        if (!prices.empty())
            options.pricesPath = test::testData("bad/" + prices);
        try {
            importDataset(store, test::testData("bad/" + file), options);
            QFAIL("the import succeeded");
        } catch (const ImportError& e) {
            QCOMPARE(e.file(), test::testData("bad/" + errorFile));
            QCOMPARE(e.line(), line);
            QCOMPARE(e.column(), column);
            QVERIFY2(e.problem().find(problem) != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).rfind(e.file() + ":" + std::to_string(line) + ":", 0) == 0, e.what());
        }
        QCOMPARE(projectSnapshot(store), before);
    }

    void derivedCostsStayInRange()
    {
        // Each price is in range, but 10,000,000 answer tokens at $1,000,000 per million is a cost
        // of $10,000,000 for one query: refused where it is made.
        const auto prices = (dir_.path() + "/prices_max.json").toStdString();
        std::ofstream(prices) << R"({"m1": {"input_price": 1000000, "output_price": 1000000}})";
        ProjectStore store(newProject());
        writeExistingDataset(store);
        const std::string before = projectSnapshot(store);
        ImportOptions options;
        options.pricesPath = prices;
        options.defaultAnswerTokens = 10'000'000;
        try {
            importDataset(store, test::testData("bad/scores_uses_huge_price.json"), options);
            QFAIL("a cost of $10,000,000 per query was imported");
        } catch (const ImportError& e) {
            QCOMPARE(e.line(), 2);
            QVERIFY2(e.problem().find("cost of model 'm1' for this record (1 input tokens x $1000000.000000 + 10000000 "
                                      "output tokens x $1000000.000000 per million) is $1e+07, above the limit of "
                                      "$1,000,000 per query") != std::string::npos,
                     e.what());
        }
        QCOMPARE(projectSnapshot(store), before);
        // The core refuses an answer length beyond its range even when no flag parser checked it.
        options.defaultAnswerTokens = 10'000'001;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, importDataset(store, test::testData("bad/scores_uses_huge_price.json"), options));
        QCOMPARE(projectSnapshot(store), before);
    }

    void echoedValuesAreCut_data()
    {
        QTest::addColumn<std::string>("header");
        QTest::addColumn<std::string>("row");
        QTest::addColumn<std::string>("problem");
        const std::string huge(10 << 20, 'x');
        QTest::newRow("10 MB duplicate column name")
            << "sample_id,prompt," + huge + "," + huge + "\n" << std::string("q1,a,1,1\n") << std::string("duplicate column name 'xxx");
        QTest::newRow("10 MB sample_id repeated")
            << std::string("sample_id,prompt,m1,m1|total_cost\n") << huge + ",a,1,0.1\n" + huge + ",b,1,0.1\n"
            << std::string("duplicate sample_id 'xxx");
        QTest::newRow("10 MB model name without cost column")
            << "sample_id,prompt," + huge + "\n" << std::string("q1,a,1\n") << std::string("has a score column but no 'xxx");
    }

    void echoedValuesAreCut()
    {
        QFETCH(std::string, header);
        QFETCH(std::string, row);
        QFETCH(std::string, problem);
        const auto input = (dir_.path() + "/huge_value.csv").toStdString();
        std::ofstream(input) << header << row;
        ProjectStore store(newProject());
        try {
            importDataset(store, input, {});
            QFAIL("the import succeeded");
        } catch (const ImportError& e) {
            QVERIFY2(e.problem().find(problem) != std::string::npos, e.what());
            // Each echoed value is cut to 80 characters and says how long it was.
            QVERIFY2(e.problem().size() < 400, e.problem().substr(0, 400).c_str());
            QVERIFY2(e.problem().find("...' (10485760 bytes)") != std::string::npos, e.problem().substr(0, 400).c_str());
        }
    }

    void cancelFromProgressLeavesProjectUnchanged()
    {
        // 5,000 long-format rows: progress reports every 1,000 rows, so the cancel lands midway.
        const auto input = (dir_.path() + "/cancel.csv").toStdString();
        {
            std::ofstream out(input);
            out << "sample_id,model,score,cost\n";
            for (int i = 0; i < 5000; ++i)
                out << "q" << i / 2 << ",m" << i % 2 << ",1,0.001\n";
        }
        ProjectStore store(newProject());
        writeExistingDataset(store);
        const std::string before = projectSnapshot(store);
        std::atomic<bool> cancel{false};
        int reports = 0;
        double cancelledAt = -1;
        JobControl job;
        job.cancel = &cancel;
        job.progress = [&](double fraction, const std::string& message) {
            ++reports;
            if (message == "2,000 rows") {
                cancelledAt = fraction;
                cancel = true;
            }
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, importDataset(store, input, {}, job));
        QVERIFY(cancelledAt >= 0 && cancelledAt <= 1);
        QCOMPARE(reports, 3); // the first row (its chunk was just read), then "1,000 rows" and "2,000 rows"
        QCOMPARE(projectSnapshot(store), before);

        // The same file imports in full when nobody cancels.
        cancel = false;
        job.progress = {};
        const ImportReport report = importDataset(store, input, {}, job);
        QCOMPARE(report.queries, 2500);
        QCOMPARE(report.models, 2);
    }
};

QTEST_GUILESS_MAIN(TestImportErrors)
#include "test_import_errors.moc"
