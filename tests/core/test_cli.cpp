// routescope-cli as scripts use it: exit codes, one-line errors, and the JSON of info and compare.

#include "test_support.h"

#include "experiment/experiment_store.h"
#include "import/importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    struct Result {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Result cli(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(ROUTESCOPE_CLI), args);
        if (!p.waitForFinished(300000))
            qFatal("routescope-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    static QJsonObject json(const QByteArray& text)
    {
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning() << "not JSON:" << error.errorString() << text.left(200);
        return doc.object();
    }

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
        QCOMPARE(badRouter.exitCode, 1);
        QVERIFY(badRouter.err.contains("unknown router 'telepathy'"));
    }

    void infoUpgradesAProjectOfTheFirstRelease()
    {
        const QString db = dir_.filePath("first-release.routescope");
        {
            const std::vector<std::string_view> v1(schema::kMigrations.begin(), schema::kMigrations.begin() + 1);
            ProjectStore store(db.toStdString(), ProjectStore::Access::ReadWrite, v1);
            importDataset(store, ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv", {});
        }
        const auto info = cli({"info", "--db", db, "--json"});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.err.contains("upgraded"), info.err);
        QVERIFY(QFile::exists(db + ".v1.bak"));
        QCOMPARE(json(info.out)["datasets"].toArray().size(), 1);
        // Once upgraded, nothing more to say.
        const auto again = cli({"info", "--db", db});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.err.isEmpty());
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
        QCOMPARE(cli({"generate", "--out", csv, "--queries", "500", "--seed", "3", "--no-responses"}).exitCode, 0);
        const auto result = cli({"compare", "--train", csv, "--routers", "oracle,random,knn,ridge", "--seeds", "0,1",
                                 "--json", "-"});
        QCOMPARE(result.exitCode, 0);
        const auto doc = json(result.out);
        QCOMPARE(doc["best_single"].toObject()["model"].toString(), QStringLiteral("gpt-4-1106-preview"));
        QVERIFY(doc["best_single"].toObject()["quality"].toDouble() > 0.5);
        const auto oracle = doc["oracle"].toObject();
        const auto routers = doc["routers"].toArray();
        QCOMPARE(routers.size(), 3);
        QStringList names;
        for (const auto& r : routers) {
            const auto o = r.toObject();
            names << o["name"].toString();
            for (const char* key : {"peak", "qnc", "qnc_at", "auc", "aiq", "rci", "top_model_share", "train_seconds", "frontier"})
                QVERIFY2(o.contains(key), key);
            QVERIFY(o["qnc_at"].toObject().contains("0.9") && o["qnc_at"].toObject().contains("0.95"));
            QVERIFY(o["auc"].toDouble() <= oracle["auc"].toDouble());
            const auto frontier = o["frontier"].toArray();
            QVERIFY(frontier.size() > 10);
            for (int i = 1; i < frontier.size(); ++i)
                QVERIFY(frontier[i].toObject()["cost"].toDouble() >= 0);
        }
        QCOMPARE(names, (QStringList{"random", "knn", "ridge"}));
        QVERIFY(oracle["qnc"].isDouble() && oracle["qnc"].toDouble() < 1.0);
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
                                   "--width", "800", "--height", "600"});
        if (frontier.err.contains("no plot command"))
            QSKIP("SKIPPED LOUDLY: routescope-cli built without the GUI has no plot command");
        QCOMPARE(frontier.exitCode, 0);
        QFile pngFile(png);
        QVERIFY(pngFile.open(QIODevice::ReadOnly));
        QCOMPARE(pngFile.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
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
