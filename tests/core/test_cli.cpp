// routescope-cli as scripts use it: exit codes, one-line errors, and the JSON of info and compare.

#include "cli_runner.h"
#include "test_support.h"

#include "experiment/experiment_store.h"
#include "import/importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    using Result = CliResult;
    static Result cli(const QStringList& args) { return runCli(args); }
    static QJsonObject json(const QByteArray& text) { return jsonObject(text); }

private slots:
    void importThenInfoJson()
    {
        const QString db = dir_.filePath("info.routescope");
        const auto imported = cli({"import", ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv", "--db", db, "--name", "tiny"});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(imported.out.contains("'tiny'"));
        const auto info = cli({"info", "--db", db, "--json"});
        QCOMPARE(info.exitCode, 0);
        const auto datasets = json(info.out)["datasets"].toArray();
        QCOMPARE(datasets.size(), 1);
        const auto d = datasets[0].toObject();
        QCOMPARE(d["name"].toString(), QStringLiteral("tiny"));
        QCOMPARE(d["queries"].toInt(), 2);
        QCOMPARE(d["incomplete_rows"].toInt(), 0);
        const auto models = d["models"].toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].toObject()["name"].toString(), QStringLiteral("small"));
        QCOMPARE(models[0].toObject()["mean_score"].toDouble(), 0.5);
        QCOMPARE(models[0].toObject()["total_cost"].toDouble(), 0.003);
        QCOMPARE(models[1].toObject()["mean_score"].toDouble(), 1.0);
    }

    void badImportFailsWithOneLineAndChangesNothing()
    {
        const QString db = dir_.filePath("bad.routescope");
        QCOMPARE(cli({"import", ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv", "--db", db}).exitCode, 0);
        const auto before = cli({"info", "--db", db, "--json"}).out;
        const auto bad = cli({"import", ROUTESCOPE_TEST_DATA "/gui/bad_score_long.csv", "--db", db});
        QVERIFY(bad.exitCode != 0);
        QCOMPARE(bad.err.count('\n'), 1);
        QVERIFY2(bad.err.contains("bad_score_long.csv:3"), bad.err.constData());
        QCOMPARE(cli({"info", "--db", db, "--json"}).out, before);
    }

    void usageErrorsExitNonZero()
    {
        const auto noDb = cli({"info"});
        QCOMPARE(noDb.exitCode, 2);
        QVERIFY(noDb.err.contains("--db is required"));
        const auto unknown = cli({"frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
        const auto badRouter = cli({"compare", "--train", ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv", "--routers", "telepathy"});
        QCOMPARE(badRouter.exitCode, 2);
        QVERIFY(badRouter.err.contains("unknown router 'telepathy'"));
    }

    void numericFlagsAreCheckedAndNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString csv = ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv";
        const QString db = dir_.filePath("never-made.routescope");
        const QString out = dir_.filePath("never-made.csv");
        auto row = [](const char* name, const QStringList& args, const char* message) {
            QTest::newRow(name) << args << QString::fromUtf8(message);
        };
        row("answer tokens not a number", {"import", csv, "--db", db, "--answer-tokens", "abc"}, "--answer-tokens: 'abc' is not a number");
        row("answer tokens 1e30", {"import", csv, "--db", db, "--answer-tokens", "1e30"}, "--answer-tokens: 1e30 is out of range [0, 10000000]");
        row("answer tokens past 64 bits", {"import", csv, "--db", db, "--answer-tokens", "99999999999999999999"},
            "--answer-tokens: 99999999999999999999 is out of range [0, 10000000]");
        row("answer tokens not whole", {"import", csv, "--db", db, "--answer-tokens", "2.5"}, "--answer-tokens: '2.5' is not a whole number");
        row("no queries", {"generate", "--out", out, "--queries", "0"}, "--queries: 0 is out of range [1, 1000000]");
        row("too many queries", {"generate", "--out", out, "--queries", "2000000"}, "--queries: 2000000 is out of range [1, 1000000]");
        row("negative seed", {"generate", "--out", out, "--seed", "-1"}, "--seed: -1 is out of range [0, 9223372036854775807]");
        row("no budgets", {"compare", "--train", csv, "--budgets", "0"}, "--budgets: 0 is out of range [2, 1000]");
        row("budgets not a number", {"compare", "--train", csv, "--budgets", "many"}, "--budgets: 'many' is not a number");
        row("train fraction above 1", {"compare", "--train", csv, "--train-fraction", "1.5"}, "--train-fraction: 1.5 is out of range [0, 1]");
        row("validation fraction 0", {"compare", "--train", csv, "--validation-fraction", "0"}, "--validation-fraction: 0 is out of range (0, 1)");
        row("seed list with text", {"compare", "--train", csv, "--seeds", "1,x"}, "--seeds: 'x' is not a number");
        row("zero size", {"plot", "frontier", "--train", csv, "--out", dir_.filePath("x.png"), "--size", "0x1in"},
            "--size: figure size '0x1in' is out of range");
        row("huge size", {"plot", "frontier", "--train", csv, "--out", dir_.filePath("x.png"), "--size", "2000x1in"},
            "--size: figure size '2000x1in' is out of range");
        row("negative dpi", {"plot", "frontier", "--train", csv, "--out", dir_.filePath("x.png"), "--dpi", "-5"},
            "--dpi: -5 is out of range [50, 1200]");
        row("font size not a number", {"plot", "frontier", "--train", csv, "--out", dir_.filePath("x.png"), "--font-pt", "big"},
            "--font-pt: 'big' is not a number");
    }

    void numericFlagsAreCheckedAndNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto result = cli(args);
        if (result.err.contains("no plot command"))
            QSKIP("SKIPPED LOUDLY: routescope-cli built without the GUI has no plot command");
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err.count('\n'), 1);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        QVERIFY2(!result.err.contains("stoi") && !result.err.contains("stod") && !result.err.contains("QPainter"),
                 result.err.constData());
        // Refused before anything is made.
        QVERIFY(!QFile::exists(dir_.filePath("never-made.routescope")));
        QVERIFY(!QFile::exists(dir_.filePath("never-made.csv")));
        QVERIFY(!QFile::exists(dir_.filePath("x.png")));
    }

    void routerSpecsAreCheckedBeforeAnyWork_data()
    {
        QTest::addColumn<QString>("routers");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind after a good one") << "knn,bogus" << "--routers: unknown router 'bogus'";
        QTest::newRow("k = 0") << "knn:k=0" << "--routers: knn: setting 'k' needs an integer >= 1, not '0'";
        QTest::newRow("unknown tie setting") << "equirouter:tie=bogus" << "--routers: ";
        QTest::newRow("negative epochs") << "equirouter:epochs=-1" << "--routers: equirouter: setting 'epochs' needs an integer >= 1";
    }

    void routerSpecsAreCheckedBeforeAnyWork()
    {
        QFETCH(QString, routers);
        QFETCH(QString, message);
        const QString db = dir_.filePath("specs.routescope");
        if (!QFile::exists(db)) {
            const QString csv = dir_.filePath("specs.csv");
            QCOMPARE(cli({"generate", "--out", csv, "--queries", "300", "--seed", "8", "--no-responses"}).exitCode, 0);
            QCOMPARE(cli({"import", csv, "--db", db, "--name", "synthetic"}).exitCode, 0);
        }
        const auto result = cli({"compare", "--db", db, "--dataset", "synthetic", "--routers", routers});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        // Nothing featurized or saved before the refusal.
        const auto info = json(cli({"info", "--db", db, "--json"}).out);
        QCOMPARE(info["feature_cache"].toObject()["fits"].toInt(), 0);
        ProjectStore store(db.toStdString(), ProjectStore::Access::ReadOnly);
        QVERIFY(listExperiments(store).empty());
    }

    void plotErrorsAreOneLineWithoutARuntimeFolder()
    {
        const QString csv = dir_.filePath("xdg.csv");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "200", "--seed", "5", "--no-responses"}).exitCode, 0);
        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove("XDG_RUNTIME_DIR");
        environment.remove("QT_QPA_PLATFORM");
        p.setProcessEnvironment(environment);
        p.start(QStringLiteral(ROUTESCOPE_CLI), {"plot", "frontier", "--train", csv, "--routers", "random", "--out",
                                                 dir_.filePath("no-such-folder/frontier.png")});
        QVERIFY(p.waitForFinished(300000));
        const QByteArray err = p.readAllStandardError();
        if (err.contains("no plot command"))
            QSKIP("SKIPPED LOUDLY: routescope-cli built without the GUI has no plot command");
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.count('\n') == 1 && err.startsWith("routescope-cli plot: "), err.constData());
    }

    void compareOnAProjectSavesTheExperiment()
    {
        const QString csv = dir_.filePath("saved.csv");
        const QString db = dir_.filePath("saved.routescope");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "300", "--seed", "6", "--no-responses"}).exitCode, 0);
        QCOMPARE(cli({"import", csv, "--db", db, "--name", "synthetic"}).exitCode, 0);
        const QStringList compare = {"compare", "--db", db, "--dataset", "synthetic", "--routers", "ridge"};

        const auto fitted = [&db] {
            ProjectStore store(db.toStdString(), ProjectStore::Access::ReadOnly);
            auto fits = store.database().prepare("SELECT id, created_at FROM featurizers");
            std::vector<std::pair<std::int64_t, std::string>> out;
            while (fits.step())
                out.emplace_back(fits.int64(0), fits.text(1));
            return out;
        };
        const auto byTime = cli(compare);
        QCOMPARE(byTime.exitCode, 0);
        QCOMPARE(fitted().size(), std::size_t(1));
        // Marked, so a refit (a new row, perhaps with the same id) would show.
        sqlite::Database(db.toStdString(), sqlite::Database::Mode::ReadWrite).exec("UPDATE featurizers SET created_at = 'first run'");
        const auto firstFit = fitted();
        QVERIFY2(byTime.err.contains("saved in " + db.toUtf8() + " as experiment '"), byTime.err);
        const auto labelled = cli(compare + QStringList{"--label", "ridge baseline"});
        QCOMPARE(labelled.exitCode, 0);
        QVERIFY(labelled.err.contains("as experiment 'ridge baseline'"));
        {
            ProjectStore store(db.toStdString(), ProjectStore::Access::ReadOnly);
            const auto saved = listExperiments(store);
            QCOMPARE(saved.size(), std::size_t(2));
            QCOMPARE(saved[1].label, std::string("ridge baseline"));
            QCOMPARE(saved[1].routerNames, std::vector<std::string>{"ridge"});
        }
        // The second run took the features the first one kept in the project: not refitted and replaced.
        QCOMPARE(fitted(), firstFit);

        // info tells what the cache holds; clear-cache frees it.
        const auto cache = json(cli({"info", "--db", db, "--json"}).out)["feature_cache"].toObject();
        QCOMPARE(cache["fits"].toInt(), 1);
        QVERIFY(cache["bytes"].toDouble() > 300 * 384 * 4);
        const auto cleared = cli({"clear-cache", "--db", db});
        QCOMPARE(cleared.exitCode, 0);
        QVERIFY2(cleared.out.startsWith("cleared 1 cached feature fit(s)"), cleared.out);
        QCOMPARE(json(cli({"info", "--db", db, "--json"}).out)["feature_cache"].toObject()["fits"].toInt(), 0);
        QVERIFY(cli({"info", "--db", db}).out.contains("feature cache: 0 fit(s), 0.0 MB"));

        // A taken label is refused before anything is trained; --label needs a project.
        const auto taken = cli(compare + QStringList{"--label", "ridge baseline"});
        QCOMPARE(taken.exitCode, 2);
        QVERIFY(taken.err.contains("already in"));
        const auto noProject = cli({"compare", "--train", csv, "--routers", "ridge", "--label", "x"});
        QCOMPARE(noProject.exitCode, 2);
        QVERIFY(noProject.err.contains("use it with --db"));
    }

    void compareWritesJsonOnSyntheticData()
    {
        const QString csv = dir_.filePath("synthetic.csv");
        const QString tex = dir_.filePath("table.tex");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "500", "--seed", "3", "--no-responses"}).exitCode, 0);
        const auto result = cli({"compare", "--train", csv, "--routers", "oracle,random,knn,ridge,mf", "--seeds", "0,1",
                                 "--bootstrap", "200", "--json", "-", "--latex", tex});
        QCOMPARE(result.exitCode, 0);
        const auto doc = json(result.out);
        QCOMPARE(doc["best_single"].toObject()["model"].toString(), QStringLiteral("gpt-4-1106-preview"));
        QVERIFY(doc["best_single"].toObject()["quality"].toDouble() > 0.5);
        const auto interval = doc["cost_interval"].toArray();
        QCOMPARE(interval.size(), 2);
        QVERIFY(interval[0].toDouble() > 0 && interval[0].toDouble() < interval[1].toDouble());
        QCOMPARE(doc["bootstrap"].toObject()["resamples"].toInt(), 200);
        const auto oracle = doc["oracle"].toObject();
        const auto routers = doc["routers"].toArray();
        const auto models = doc["models"].toArray();
        // Learned routers, then the baselines: random, zero, every single model, the oracle.
        QStringList names, kinds;
        for (const auto& r : routers) {
            const auto o = r.toObject();
            names << o["name"].toString();
            kinds << o["kind"].toString();
            for (const char* key : {"peak", "qnc", "qnc_at", "auc", "aiq", "rci", "top_model_share", "train_seconds",
                                    "frontier", "ci95", "rci_at", "seeds"})
                QVERIFY2(o.contains(key), key);
            QVERIFY(o["qnc_at"].toObject().contains("0.9") && o["qnc_at"].toObject().contains("0.95"));
            QVERIFY(o["rci_at"].toObject().contains("0.95"));
            QVERIFY(o["auc"].toDouble() <= oracle["auc"].toDouble());
            const auto ci = o["ci95"].toObject();
            const auto auc = ci["auc"].toArray();
            QCOMPARE(auc.size(), 2);
            QVERIFY(auc[0].toDouble() <= o["auc"].toDouble() + 0.05 && auc[1].toDouble() >= o["auc"].toDouble() - 0.05);
            QVERIFY(ci["peak"].isArray() && ci["rci"].isArray() && ci["qnc_at"].isObject());
            QVERIFY(ci["qnc_at"].toObject().contains("0.95"));
            // Where the mean is not reached, neither is its interval.
            if (o["qnc_at"].toObject()["0.9"].isNull())
                QVERIFY(ci["qnc_at"].toObject()["0.9"].isNull());
            QVERIFY(!o["frontier"].toArray().isEmpty());
        }
        QStringList expected = {"knn", "ridge", "mf", "random", "zero"};
        for (const auto& m : models)
            expected << "single:" + m.toString();
        expected << "oracle";
        QCOMPARE(names, expected);
        QCOMPARE(kinds.mid(0, 3), (QStringList{"router", "router", "router"}));
        QCOMPARE(kinds.count("baseline"), 2 + models.size());
        QCOMPARE(kinds.last(), QStringLiteral("oracle"));
        QVERIFY(routers[0].toObject()["frontier"].toArray().size() > 10);
        QVERIFY(oracle["qnc"].isDouble() && oracle["qnc"].toDouble() < 1.0);
        QCOMPARE(oracle["kind"].toString(), QStringLiteral("oracle"));

        // Against the reference, a regression router: every other learned router.
        const QString reference = doc["reference"].toString();
        QVERIFY(reference == "knn" || reference == "ridge" || reference == "mf");
        const auto versus = doc["versus"].toArray();
        QCOMPARE(versus.size(), 2);
        for (const auto& v : versus) {
            const auto o = v.toObject();
            QCOMPARE(o["reference"].toString(), reference);
            QVERIFY(o["router"].toString() != reference);
            QVERIFY(o["auc_diff"].isDouble() && o["auc_p"].toDouble() > 0 && o["auc_p"].toDouble() <= 1);
            QCOMPARE(o["auc_diff_ci95"].toArray().size(), 2);
            QVERIFY(o["saving_at"].toObject().contains("0.9") && o["saving_at"].toObject().contains("0.95"));
            QVERIFY(o["saving_ci95"].toObject().contains("0.95"));
        }

        // The same summary as a booktabs LaTeX table.
        QFile latex(tex);
        QVERIFY(latex.open(QIODevice::ReadOnly));
        const QByteArray table = latex.readAll();
        QVERIFY(table.contains("\\toprule") && table.contains("\\bottomrule") && table.contains("Baselines"));
        QVERIFY(table.contains("$\\Delta$AUC vs " + reference.toUtf8()));
    }

    void compareRefusesBadBootstrapAndReferenceBeforeTraining()
    {
        const QString csv = dir_.filePath("refuse.csv");
        const QString db = dir_.filePath("refuse.routescope");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "200", "--seed", "8", "--no-responses"}).exitCode, 0);
        QCOMPARE(cli({"import", csv, "--db", db, "--name", "synthetic"}).exitCode, 0);
        const QStringList compare = {"compare", "--db", db, "--dataset", "synthetic", "--routers", "knn,ridge"};
        const struct {
            QStringList args;
            const char* message;
        } cases[] = {{{"--bootstrap", "-1"}, "--bootstrap: -1 is out of range [0, 100000]"},
                     {{"--bootstrap", "abc"}, "--bootstrap: 'abc' is not a number"},
                     {{"--bootstrap", "12x"}, "--bootstrap: '12x' is not a number"},
                     {{"--reference", "nosuch"}, "no router or baseline named 'nosuch'"},
                     {{"--reference", "oracle"}, "the oracle cannot be the reference"}};
        for (const auto& c : cases) {
            const auto refused = cli(compare + c.args);
            QCOMPARE(refused.exitCode, 2);
            QCOMPARE(refused.err.count('\n'), 1);
            QVERIFY2(refused.err.contains(c.message), refused.err.constData());
        }
        // Nothing was featurized, trained or saved.
        const auto info = json(cli({"info", "--db", db, "--json"}).out);
        QCOMPARE(info["feature_cache"].toObject()["fits"].toInt(), 0);
        ProjectStore store(db.toStdString(), ProjectStore::Access::ReadOnly);
        QVERIFY(listExperiments(store).empty());
    }

    void compareJsonCountsACascadesCalls()
    {
        const QString csv = dir_.filePath("cascade.csv");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "300", "--seed", "5", "--no-responses"}).exitCode, 0);
        const auto result = cli({"compare", "--train", csv, "--routers", "ridge,cascade", "--json", "-"});
        QCOMPARE(result.exitCode, 0);
        const auto routers = json(result.out)["routers"].toArray();
        const auto ridge = routers[0].toObject()["frontier"].toArray();
        const auto cascade = routers[1].toObject()["frontier"].toArray();
        QCOMPARE(ridge.last().toObject()["calls"].toDouble(), 1.0);
        QCOMPARE(cascade.size(), 11); // depths 1 to 11
        QCOMPARE(cascade.first().toObject()["calls"].toDouble(), 1.0);
        QVERIFY(cascade.last().toObject()["calls"].toDouble() > 1.0);
    }

    void plotWritesFigures()
    {
        const QString csv = dir_.filePath("plot.csv");
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "300", "--seed", "4", "--no-responses"}).exitCode, 0);
        const QString png = dir_.filePath("frontier.png"), svg = dir_.filePath("share.svg");
        const auto frontier = cli({"plot", "frontier", "--train", csv, "--routers", "knn,ridge", "--out", png,
                                   "--size", "89x66mm", "--dpi", "150"});
        if (frontier.err.contains("no plot command"))
            QSKIP("SKIPPED LOUDLY: routescope-cli built without the GUI has no plot command");
        QCOMPARE(frontier.exitCode, 0);
        QFile pngFile(png);
        QVERIFY(pngFile.open(QIODevice::ReadOnly));
        QCOMPARE(pngFile.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
        // 89 x 66 mm is 252 x 187 pt; at 150 DPI, 525 x 390 pixels (the IHDR chunk's width and height).
        const QByteArray header = pngFile.read(16);
        const auto bigEndian = [&](int at) {
            return (quint32(quint8(header[at])) << 24) | (quint32(quint8(header[at + 1])) << 16) |
                   (quint32(quint8(header[at + 2])) << 8) | quint32(quint8(header[at + 3]));
        };
        QCOMPARE(bigEndian(8), quint32(525));
        QCOMPARE(bigEndian(12), quint32(390));
        const QString pdf = dir_.filePath("frontier.pdf");
        QCOMPARE(cli({"plot", "frontier", "--train", csv, "--routers", "knn", "--out", pdf, "--size", "7.2x3.6in",
                      "--font-pt", "9", "--budget-marker"}).exitCode, 0);
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromLatin1(pdfFile.readAll()).contains(QRegularExpression(R"(/MediaBox \[0 0 518(\.0*)? 259(\.0*)?\])")));
        for (const QStringList& bad : {QStringList{"--size", "3.5in"}, QStringList{"--size", "0.2x2in"},
                                       QStringList{"--font-pt", "big"}, QStringList{"--font-pt", "8.5"},
                                       QStringList{"--dpi", "5000"}, QStringList{"--width", "800"}}) {
            const auto refused = cli(QStringList{"plot", "frontier", "--train", csv, "--out", pdf} + bad);
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains(bad[0].toUtf8()), refused.err.constData());
            QCOMPARE(refused.err.count('\n'), 1);
        }
        const auto share = cli({"plot", "share", "--train", csv, "--routers", "ridge", "--router", "ridge", "--out", svg});
        QCOMPARE(share.exitCode, 0);
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray text = svgFile.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Selection share: ridge"));
        const auto unknown = cli({"plot", "share", "--train", csv, "--routers", "ridge", "--router", "nobody", "--out", svg});
        QCOMPARE(unknown.exitCode, 2);

        const QString calls = dir_.filePath("calls.svg");
        QCOMPARE(cli({"plot", "calls", "--train", csv, "--routers", "knn,cascade:error=0.1", "--out", calls}).exitCode, 0);
        QFile callsFile(calls);
        QVERIFY(callsFile.open(QIODevice::ReadOnly));
        const QByteArray callsText = callsFile.readAll();
        QVERIFY(callsText.contains("Calls per query"));
        QVERIFY(callsText.contains("cascade:error=0.1"));

        // The report folder File > Export Report writes, made with its parents.
        const QString report = dir_.filePath("reports/cli");
        QVERIFY(!QFileInfo::exists(report));
        const auto written = cli({"plot", "report", "--train", csv, "--routers", "knn,ridge", "--router", "ridge",
                                  "--bootstrap", "0", "--train-fraction", "0.6", "--out", report});
        QVERIFY2(written.exitCode == 0, written.err.constData());
        for (const QString name : {"frontier", "share"})
            for (const QString format : {"png", "pdf", "svg"})
                QVERIFY2(QFileInfo(report + "/" + name + "." + format).size() > 1000, qPrintable(name + "." + format));
        QFile metrics(report + "/metrics.csv");
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        const QByteArray metricsText = metrics.readAll();
        QVERIFY(metricsText.startsWith("Router,"));
        QVERIFY(metricsText.contains("\nridge,") || metricsText.contains("\n\"ridge\","));
        QVERIFY(QFileInfo(report + "/metrics.tex").size() > 100);
        QFile summary(report + "/summary.md");
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QByteArray summaryText = summary.readAll();
        QVERIFY(summaryText.contains("Split: in-domain 60 / 40"));
        QVERIFY(summaryText.contains("Routers: `knn` `ridge`"));
        QVERIFY(summaryText.contains("-- baselines --"));
        QCOMPARE(cli({"plot", "frontier", "--train", csv, "--bootstrap", "0", "--out", pdf}).exitCode, 2);
        const auto noCascade = cli({"plot", "calls", "--train", csv, "--routers", "knn", "--out", calls});
        QCOMPARE(noCascade.exitCode, 2);
        QVERIFY(noCascade.err.contains("add a cascade"));
    }

    void compareOnRealRouterBench()
    {
        ROUTESCOPE_REQUIRE_SHARED(train, "routerbench/arc_challenge_train.csv");
        ROUTESCOPE_REQUIRE_SHARED(test, "routerbench/arc_challenge_test.csv");
        const auto result = cli({"compare", "--train", train, "--test", test, "--routers", "ridge", "--json", "-"});
        QCOMPARE(result.exitCode, 0);
        const auto doc = json(result.out);
        QCOMPARE(doc["best_single"].toObject()["model"].toString(), QStringLiteral("gpt-4-1106-preview"));
        // 445 test rows, 8 incomplete: the best single model's quality is over the 437 complete ones.
        QVERIFY(std::abs(doc["best_single"].toObject()["quality"].toDouble() - 0.9565) < 0.001);
        QCOMPARE(doc["most_expensive_model"].toString(), QStringLiteral("gpt-4-1106-preview"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
