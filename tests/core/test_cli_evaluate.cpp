// routescope-cli evaluate: a saved experiment under a what-if scenario, printed and written as
// compare does; scenarios saved and reused; bad input refused with one line and exit code 2.

#include "cli_runner.h"
#include "test_support.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

class TestCliEvaluate : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString db_;
    QByteArray compareJson_;
    const QString gpt4_ = "gpt-4-1106-preview";

    using Result = CliResult;
    static Result cli(const QStringList& args) { return runCli(args); }
    static QJsonObject json(const QByteArray& text) { return jsonObject(text); }

    Result evaluate(QStringList more) const
    {
        return cli(QStringList{"evaluate", "--db", db_, "--experiment", "base", "--bootstrap", "0"} + more);
    }

    static QJsonObject rowNamed(const QJsonObject& summary, const QString& name)
    {
        for (const auto& row : summary["routers"].toArray())
            if (row.toObject()["name"].toString() == name)
                return row.toObject();
        return {};
    }

private slots:
    void initTestCase()
    {
        db_ = dir_.filePath("whatif.routescope");
        const QString csv = dir_.filePath("sample.csv");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "400", "--seed", "4", "--short-responses"}).exitCode, 0);
        QCOMPARE(cli({"import", csv, "--db", db_, "--name", "sample"}).exitCode, 0);
        const auto trained = cli({"compare", "--db", db_, "--dataset", "sample", "--routers", "knn,ridge", "--seeds", "0",
                                  "--bootstrap", "0", "--label", "base", "--json", "-"});
        QCOMPARE(trained.exitCode, 0);
        compareJson_ = trained.out;
        // Without responses: no output token counts, so no new prices per token.
        const QString bare = dir_.filePath("bare.csv");
        QCOMPARE(cli({"generate", "--out", bare, "--queries", "150", "--seed", "5", "--no-responses"}).exitCode, 0);
        QCOMPARE(cli({"import", bare, "--db", db_, "--name", "bare"}).exitCode, 0);
        QCOMPARE(cli({"compare", "--db", db_, "--dataset", "bare", "--routers", "knn", "--bootstrap", "0", "--label",
                      "bare"}).exitCode, 0);
    }

    void newPricesPerTokenApply()
    {
        const auto priced = evaluate({"--price", "claude-v2=0.8/2.4", "--json", "-"});
        QCOMPARE(priced.exitCode, 0);
        const auto prices = json(priced.out)["scenario"].toObject()["prices"].toObject()["claude-v2"].toObject();
        QCOMPARE(prices["input"].toDouble(), 0.8);
        QCOMPARE(prices["output"].toDouble(), 2.4);
        const double before = rowNamed(json(evaluate({"--json", "-"}).out), "single:claude-v2")["frontier"].toArray()[0].toObject()["cost"].toDouble();
        const double after = rowNamed(json(priced.out), "single:claude-v2")["frontier"].toArray()[0].toObject()["cost"].toDouble();
        QVERIFY(after < before / 5); // claude-v2 costs $8/$24 per 1M tokens
    }

    void withoutChangesItWritesWhatCompareWrote()
    {
        const auto same = evaluate({"--json", "-"});
        QCOMPARE(same.exitCode, 0);
        QJsonObject evaluated = json(same.out);
        const QJsonObject scenario = evaluated.take("scenario").toObject();
        QCOMPARE(evaluated.take("experiment").toString(), QStringLiteral("base"));
        // compare also says which core trained the routers; evaluate trains nothing.
        QJsonObject compared = json(compareJson_);
        QVERIFY(!compared.take("trained_on_core").toString().isEmpty());
        QCOMPARE(evaluated, compared);
        QCOMPARE(scenario["pool"].toArray().size(), 11);
        QVERIFY(scenario["price_factors"].toObject().isEmpty());
    }

    void theTableIsCompares()
    {
        const auto table = evaluate({"--price-scale", gpt4_ + "=0.1"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("gpt-4-1106-preview x0.1 (no router retrained)"), table.out.constData());
        for (const char* row : {"knn", "ridge", "zero", "oracle", "single:gpt-4-1106-preview"})
            QVERIFY2(table.out.contains(row), row);
    }

    // A price factor scales the model's cost per query by exactly that factor; its quality stays.
    void aPriceFactorScalesTheModelsCostNotItsQuality()
    {
        const auto base = json(evaluate({"--json", "-"}).out);
        const auto cheap = json(evaluate({"--price-scale", gpt4_ + "=0.1", "--json", "-"}).out);
        QCOMPARE(cheap["scenario"].toObject()["price_factors"].toObject()[gpt4_].toDouble(), 0.1);
        const QJsonObject baseRow = rowNamed(base, "single:" + gpt4_), cheapRow = rowNamed(cheap, "single:" + gpt4_);
        QVERIFY(!baseRow.isEmpty() && !cheapRow.isEmpty());
        const double before = baseRow["frontier"].toArray()[0].toObject()["cost"].toDouble();
        const double after = cheapRow["frontier"].toArray()[0].toObject()["cost"].toDouble();
        QVERIFY(before > 0);
        QVERIFY(std::abs(after - before * 0.1) <= 1e-12 * before);
        // Quality of the single model is a property of its answers, not its price.
        QVERIFY(baseRow["peak"].toDouble() > 0);
        QCOMPARE(cheapRow["peak"].toDouble(), baseRow["peak"].toDouble());
    }

    void droppedModelsLeaveThePool()
    {
        const auto dropped = json(evaluate({"--drop-model", gpt4_, "--drop-model", "claude-v2", "--json", "-"}).out);
        const auto pool = dropped["scenario"].toObject()["pool"].toArray();
        QCOMPARE(pool.size(), 9);
        QCOMPARE(dropped["models"].toArray().size(), 9);
        QVERIFY(rowNamed(dropped, "single:" + gpt4_).isEmpty());
        QCOMPARE(dropped["scenario"].toObject()["dropped"].toArray().size(), 2);
    }

    void aSavedScenarioIsReused()
    {
        const auto saved = evaluate({"--price-scale", gpt4_ + "=0.1", "--drop-model", "claude-v1", "--save-scenario",
                                     "cheap gpt-4", "--json", "-"});
        QCOMPARE(saved.exitCode, 0);
        QVERIFY2(saved.err.contains("saved in"), saved.err.constData());
        auto first = json(saved.out);
        const auto reused = evaluate({"--scenario", "cheap gpt-4", "--json", "-"});
        QCOMPARE(reused.exitCode, 0);
        auto again = json(reused.out);
        QCOMPARE(again["scenario"].toObject()["name"].toString(), QStringLiteral("cheap gpt-4"));
        QCOMPARE(again, first);
        // A taken name is refused, the saved scenario unchanged.
        const auto taken = evaluate({"--drop-model", "claude-v2", "--save-scenario", "cheap gpt-4"});
        QCOMPARE(taken.exitCode, 2);
        QCOMPARE(json(evaluate({"--scenario", "cheap gpt-4", "--json", "-"}).out), first);
    }

    void badInputExitsTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown model") << QStringList{"--price-scale", "gpt-5=0.5"} << "no model 'gpt-5'";
        QTest::newRow("zero factor") << QStringList{"--price-scale", gpt4_ + "=0"} << "not a positive factor";
        QTest::newRow("negative factor") << QStringList{"--price-scale", gpt4_ + "=-2"} << "out of range";
        QTest::newRow("factor not a number") << QStringList{"--price-scale", gpt4_ + "=cheap"} << "is not a number";
        QTest::newRow("infinite factor") << QStringList{"--price-scale", gpt4_ + "=inf"} << "not a finite number";
        QTest::newRow("no factor") << QStringList{"--price-scale", gpt4_} << "takes MODEL=FACTOR";
        QTest::newRow("price not IN/OUT") << QStringList{"--price", gpt4_ + "=10"} << "is not IN/OUT";
        QTest::newRow("negative price") << QStringList{"--price", gpt4_ + "=-1/3"} << "out of range";
        QTest::newRow("price without output tokens")
            << QStringList{"--experiment", "bare", "--price", "claude-v2=1/2"} << "token counts";
        QTest::newRow("factor and price") << QStringList{"--price-scale", gpt4_ + "=2", "--price", gpt4_ + "=1/2"}
                                          << "give one of them";
        QTest::newRow("model twice") << QStringList{"--drop-model", gpt4_, "--drop-model", gpt4_} << "given twice";
        QStringList all;
        for (const auto& m : test::routerBenchModels())
            all << "--drop-model" << QString::fromStdString(m);
        QTest::newRow("every model dropped") << all << "drops every model";
        QTest::newRow("unknown experiment") << QStringList{"--experiment", "nope"} << "no experiment labelled 'nope'";
        QTest::newRow("unknown scenario") << QStringList{"--scenario", "nope"} << "no scenario named 'nope'";
        QTest::newRow("scenario and changes") << QStringList{"--scenario", "x", "--drop-model", gpt4_} << "as it is";
        QTest::newRow("unknown option") << QStringList{"--routers", "knn"} << "unknown option --routers";
        QTest::newRow("bad policy") << QStringList{"--policy", "cheapest"} << "--policy";
    }

    void badInputExitsTwoWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto bad = evaluate(args);
        QCOMPARE(bad.exitCode, 2);
        QCOMPARE(bad.err.count('\n'), 1);
        QVERIFY2(bad.err.contains(message.toUtf8()), bad.err.constData());
        QVERIFY(bad.out.isEmpty());
    }

    void aProjectWithoutTheExperimentIsRefused()
    {
        const QString path = dir_.filePath("none.routescope");
        const auto missing = cli({"evaluate", "--db", path, "--experiment", "base"});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err.count('\n'), 1);
        QVERIFY2(missing.err.contains("none.routescope"), missing.err.constData());
        QVERIFY(!QFileInfo::exists(path)); // evaluating creates no project
    }
};

QTEST_GUILESS_MAIN(TestCliEvaluate)
#include "test_cli_evaluate.moc"
