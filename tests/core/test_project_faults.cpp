// Project files that are not what they should be, and machines that will not let a project be
// written, met through the command-line tool in a child process: another program's SQLite file,
// a file that is no database, damaged projects, projects of an older or newer schema, values
// written by another program, a folder the user may not write and a full disk. Nothing is ever
// written to a file RouteScope refuses, and read-only commands write nothing at all.

#include "import/importer.h"
#include "store/project_store.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <fstream>

using namespace routescope;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(ROUTESCOPE_CLI), args);
    if (!p.waitForFinished(300000))
        qFatal("routescope-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray digest(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QStringList folderListing(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

// Raw SQL on a file, as another program would run it.
void sql(const QString& path, const std::string& statements)
{
    sqlite::Database db(path.toStdString(), sqlite::Database::Mode::ReadWrite);
    db.exec(statements);
}

std::string pragmaText(const QString& path, const std::string& pragma)
{
    sqlite::Database db(path.toStdString(), sqlite::Database::Mode::ReadOnly);
    auto read = db.prepare("PRAGMA " + pragma);
    read.step();
    return read.text(0);
}

// A project holding one synthetic dataset ("synthetic", 120 queries), closed cleanly.
void makeProject(const QString& path)
{
    const std::string csv = path.toStdString() + ".csv";
    test::writeSyntheticCsv(csv, 3, 120);
    ProjectStore store(path.toStdString());
    ImportOptions options;
    options.datasetName = "synthetic";
    importDataset(store, csv, options);
    std::remove(csv.c_str());
}

// Overwrites part of page `page` (1-based) with 0xFF bytes, as a disk or a stray write would.
void damagePage(const QString& path, std::int64_t page, std::int64_t offset = 0, std::int64_t bytes = 0)
{
    const auto pageSize = std::stoll(pragmaText(path, "page_size"));
    std::fstream file(path.toStdString(), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((page - 1) * pageSize + offset);
    const std::string garbage(static_cast<std::size_t>(bytes ? bytes : pageSize - offset), '\xFF');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

std::int64_t pageCount(const QString& path) { return std::stoll(pragmaText(path, "page_count")); }

// Each command must exit 1 saying every part (on stdout or stderr) and leave the file as it was.
void requireRefused(const QString& db, const QList<QStringList>& commands, const QByteArrayList& parts)
{
    const QByteArray before = digest(db);
    for (const QStringList& command : commands) {
        const Run run = cli(command);
        const QByteArray said = run.err + run.out;
        QVERIFY2(run.exitCode == 1, qPrintable(command.first() + ": " + said));
        for (const QByteArray& part : parts)
            QVERIFY2(said.contains(part), qPrintable(command.first() + " did not say '" + part + "': " + said));
        QCOMPARE(digest(db), before);
    }
}

} // namespace

class TestProjectFaults : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int files_ = 0;
    QString newFolder()
    {
        const QString folder = dir_.filePath("f" + QString::number(++files_));
        QDir().mkpath(folder);
        return folder;
    }

private slots:
    void anotherProgramsFileIsRefusedAndUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("SQLite file with user_version 2") << "tables" << "another program's SQLite database (tables: t, user_version 2)";
        QTest::newRow("SQLite file with its own application id") << "application id" << "application id 0x12345678";
        QTest::newRow("text file") << "text" << "it is not an SQLite database";
    }

    void anotherProgramsFileIsRefusedAndUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const QString folder = newFolder();
        const QString db = folder + "/other.db";
        if (kind == "text")
            std::ofstream(db.toStdString()) << "name,value\nx,1\n";
        else if (kind == "tables")
            sql(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 2;");
        else
            sql(db, "CREATE TABLE datasets (x); PRAGMA application_id = 305419896; PRAGMA user_version = 1;");
        const QStringList listing = folderListing(folder);
        requireRefused(db,
                       {{"info", "--db", db}, {"import", ROUTESCOPE_TEST_DATA "/good/long_small.csv", "--db", db},
                        {"compare", "--db", db, "--dataset", "x", "--routers", "random"}, {"check", "--db", db},
                        {"clear-cache", "--db", db}, {"upgrade", "--db", db}},
                       {"is not a RouteScope project", message.toUtf8(), db.toUtf8()});
        QCOMPARE(folderListing(folder), listing); // no -wal, -shm, .bak or lock file left behind
    }

    void readOnlyCommandsWriteNothing()
    {
        const QString db = newFolder() + "/p.routescope";
        makeProject(db);
        const QByteArray before = digest(db);
        for (const QStringList& command : {QStringList{"info", "--db", db}, QStringList{"info", "--db", db, "--json"},
                                           QStringList{"check", "--db", db}, QStringList{"check", "--db", db, "--quick"}}) {
            const Run run = cli(command);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QCOMPARE(digest(db), before);
        }
        QVERIFY(cli({"check", "--db", db}).out.endsWith("ok\n"));
    }

    void olderProjectIsUpgradedOnlyByACommandThatWrites()
    {
        const QString folder = newFolder();
        const QString db = folder + "/first-release.routescope";
        {
            const std::vector<std::string_view> v1(schema::kMigrations.begin(), schema::kMigrations.begin() + 1);
            ProjectStore store(db.toStdString(), ProjectStore::Access::ReadWrite, v1);
            // As the first release stored a dataset: outcomes as a row per query and model.
            store.database().exec(
                "INSERT INTO datasets (id, name, format, source, incomplete_rows) VALUES (1, 'two_queries_long', 'long-csv', 'x.csv', 0);"
                "INSERT INTO models (id, dataset_id, position, name, input_price, output_price) VALUES (1, 1, 0, 'a', 1, 1), (2, 1, 1, 'b', 2, 2);"
                "INSERT INTO queries (id, dataset_id, position, sample_id, text, task, complete) VALUES"
                " (1, 1, 0, 'q0', 'first', 't', 1), (2, 1, 1, 'q1', 'second', 't', 1);"
                "INSERT INTO outcomes (query_id, model_id, score, cost) VALUES (1, 1, 1, 0.1), (1, 2, 0, 0.2), (2, 1, 0, 0.1), (2, 2, 1, 0.2);");
        }
        // A first-release project is unmarked, in WAL mode, at schema 1.
        sql(db, "PRAGMA application_id = 0;");
        const QByteArray before = digest(db);
        const Run info = cli({"info", "--db", db});
        QCOMPARE(info.exitCode, 1);
        QVERIFY2(info.err.contains("needs an upgrade") && info.err.contains("routescope-cli upgrade --db " + db.toUtf8()),
                 info.err.constData());
        QCOMPARE(digest(db), before);
        QVERIFY(!QFile::exists(db + ".v1.bak"));
        const Run check = cli({"check", "--db", db});
        QCOMPARE(check.exitCode, 0); // older is not damaged
        QVERIFY2(check.out.contains("note: schema 1 of " + QByteArray::number(ProjectStore::kSchemaVersion)),
                 check.out.constData());

        const Run upgrade = cli({"upgrade", "--db", db});
        QVERIFY2(upgrade.exitCode == 0, upgrade.err.constData());
        QVERIFY2(upgrade.out.contains("kept as " + db.toUtf8() + ".v1.bak"), upgrade.out.constData());
        QVERIFY(QFile::exists(db + ".v1.bak"));
        QCOMPARE(pragmaText(db, "application_id"), std::to_string(schema::kApplicationId));
        QVERIFY(cli({"info", "--db", db}).out.contains("two_queries_long"));
        const QByteArray current = QByteArray::number(ProjectStore::kSchemaVersion);
        QVERIFY(cli({"upgrade", "--db", db}).out.contains("already at schema " + current));
        // The upgraded project checks as healthy, its outcome values read from the new columns.
        const Run after = cli({"check", "--db", db});
        QCOMPARE(after.exitCode, 0);
        const auto checkedCount = [](const QByteArray& out) {
            const int end = out.indexOf(" stored values checked");
            return out.mid(out.lastIndexOf(' ', end - 1) + 1, end - out.lastIndexOf(' ', end - 1) - 1).toInt();
        };
        QVERIFY2(checkedCount(after.out) >= 8, after.out.constData());
    }

    void newerProjectIsRefusedBeforeAnyWrite()
    {
        const QString db = newFolder() + "/newer.routescope";
        makeProject(db);
        const std::string newer = std::to_string(ProjectStore::kSchemaVersion + 1);
        sql(db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = " + newer + ";");
        requireRefused(db, {{"import", ROUTESCOPE_TEST_DATA "/good/long_small.csv", "--db", db}, {"info", "--db", db}},
                       {QByteArray::fromStdString("written by a newer RouteScope (schema " + newer)});
        QCOMPARE(pragmaText(db, "journal_mode"), std::string("delete"));
    }

    void impossibleSchemaVersionIsDamage()
    {
        const QString db = newFolder() + "/minus-one.routescope";
        makeProject(db);
        sql(db, "PRAGMA user_version = -1;");
        requireRefused(db, {{"import", ROUTESCOPE_TEST_DATA "/good/long_small.csv", "--db", db}, {"info", "--db", db}},
                       {db.toUtf8() + " is damaged (schema version -1"});
    }

    void damagedProjectIsNeverWritten_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("the datasets table's root page") << "root";
        QTest::newRow("the last page") << "last";
    }

    void damagedProjectIsNeverWritten()
    {
        QFETCH(QString, where);
        const QString db = newFolder() + "/damaged.routescope";
        makeProject(db);
        if (where == "root")
            damagePage(db, std::stoll([&] {
                           sqlite::Database raw(db.toStdString(), sqlite::Database::Mode::ReadOnly);
                           auto root = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'datasets'");
                           root.step();
                           return root.text(0);
                       }()));
        else
            // From the page's start: the last page now holds the tail of an outcome blob, whose
            // bytes past the overflow-page link SQLite's quick_check cannot judge.
            damagePage(db, pageCount(db), 0, 1000);
        const QByteArray before = digest(db);
        requireRefused(db,
                       {{"import", ROUTESCOPE_TEST_DATA "/good/long_small.csv", "--db", db},
                        {"compare", "--db", db, "--dataset", "synthetic", "--routers", "random", "--label", "x"},
                        {"clear-cache", "--db", db}},
                       {db.toUtf8() + " is damaged (quick_check: ", "nothing was written to it",
                        "routescope-cli check --db " + db.toUtf8()});
        const Run check = cli({"check", "--db", db});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains("problem: integrity: "), check.out.constData());
        QCOMPARE(digest(db), before);
    }

    void valuesWrittenByAnotherProgramAreNotUsed()
    {
        const QString db = newFolder() + "/edited.routescope";
        makeProject(db);
        // Little-endian doubles: 7.5 as the first model's first score, -1 as the last model's last cost.
        sql(db, "UPDATE model_outcomes SET scores = CAST(X'0000000000001E40' || substr(scores, 9) AS BLOB)"
                " WHERE model_id = (SELECT MIN(model_id) FROM model_outcomes);"
                "UPDATE model_outcomes SET costs = CAST(substr(costs, 1, length(costs) - 8) || X'000000000000F0BF' AS BLOB)"
                " WHERE model_id = (SELECT MAX(model_id) FROM model_outcomes);");
        const Run compare = cli({"compare", "--db", db, "--dataset", "synthetic", "--routers", "random"});
        QCOMPARE(compare.exitCode, 1);
        QVERIFY2(compare.err.contains("score '7.5' of model") && compare.err.contains("is outside [0, 1]") &&
                     compare.err.contains(db.toUtf8()),
                 compare.err.constData());
        const Run check = cli({"check", "--db", db});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains("problem: 1 scores outside [0, 1], e.g. dataset 'synthetic', query"), check.out.constData());
        QVERIFY2(check.out.contains("problem: 1 costs outside [0, 1000000] USD") && check.out.contains(": -1"),
                 check.out.constData());
    }

    void unmarkedProjectOfAnOlderBuildIsKeptAndMarkedOnWrite()
    {
        const QString db = newFolder() + "/unmarked.routescope";
        makeProject(db);
        sql(db, "PRAGMA application_id = 0;");
        const Run check = cli({"check", "--db", db});
        QCOMPARE(check.exitCode, 0);
        QVERIFY2(check.out.contains("note: no RouteScope application id"), check.out.constData());
        QCOMPARE(cli({"info", "--db", db}).exitCode, 0);
        QCOMPARE(pragmaText(db, "application_id"), std::string("0")); // info wrote nothing
        QCOMPARE(cli({"import", ROUTESCOPE_TEST_DATA "/good/long_small.csv", "--db", db}).exitCode, 0);
        QCOMPARE(pragmaText(db, "application_id"), std::to_string(schema::kApplicationId));
    }

    void folderTheUserMayNotWriteIsRead()
    {
        // As root every permission check passes: the child then runs without the capabilities
        // that override file permissions, as an ordinary user would.
        QStringList prefix;
        if (::geteuid() == 0) {
            const QString setpriv = QStandardPaths::findExecutable("setpriv");
            if (setpriv.isEmpty())
                QSKIP("SKIPPED LOUDLY: running as root without setpriv (util-linux), so permissions cannot be tested");
            prefix = {setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"};
        }
        const QString folder = newFolder();
        const QString db = folder + "/p.routescope";
        makeProject(db);
        const QByteArray before = digest(db);
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));
        auto asUser = [&](const QStringList& args) {
            QStringList all = prefix;
            all << QStringLiteral(ROUTESCOPE_CLI) << args;
            QProcess p;
            p.start(all.takeFirst(), all);
            p.waitForFinished(300000);
            return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                       p.readAllStandardError()};
        };
        const Run info = asUser({"info", "--db", db});
        const Run compare = asUser({"compare", "--db", db, "--dataset", "synthetic", "--routers", "random"});
        const Run check = asUser({"check", "--db", db});
        const Run import = asUser({"import", ROUTESCOPE_TEST_DATA "/good/long_small.csv", "--db", db});
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY2(info.exitCode == 0 && info.out.contains("synthetic (wide): 120 queries"), info.err.constData());
        QVERIFY2(compare.exitCode == 0, compare.err.constData());
        QVERIFY2(compare.err.contains("not saved: " + db.toUtf8() + ": you may not write its folder"), compare.err.constData());
        QVERIFY2(check.exitCode == 0, check.out.constData());
        QCOMPARE(import.exitCode, 1);
        QVERIFY2(import.err.contains("cannot create the lock file " + db.toUtf8() + ".lock: Permission denied"),
                 import.err.constData());
        QCOMPARE(digest(db), before);
    }

    void fullDiskIsReadNotWritten()
    {
        // A 512 KiB tmpfs in a private mount namespace, filled to the last byte.
        const QString unshare = QStandardPaths::findExecutable("unshare");
        if (::geteuid() != 0 || unshare.isEmpty())
            QSKIP("SKIPPED LOUDLY: a full disk is staged with unshare and a tmpfs mount, which needs root");
        const QString source = newFolder() + "/p.routescope";
        makeProject(source);
        const QString mountPoint = newFolder();
        const QString db = mountPoint + "/p.routescope";
        const QString cliPath = QStringLiteral(ROUTESCOPE_CLI);
        const QString script = QStringLiteral(
            "mount -t tmpfs -o size=512k tmpfs '%1' || exit 77\n"
            "cp '%2' '%3' || exit 78\n"
            "dd if=/dev/zero of='%1/filler' bs=4k 2>/dev/null\n"
            "sha256sum '%3' | cut -c1-64\n"
            "'%4' info --db '%3' >/dev/null; echo \"info $?\"\n"
            "'%4' check --db '%3' >/dev/null; echo \"check $?\"\n"
            "'%4' compare --db '%3' --dataset synthetic --routers random >/dev/null 2>'%1.compare'; echo \"compare $?\"\n"
            "'%4' import '%5' --db '%3' 2>'%1.import'; echo \"import $?\"\n"
            "sha256sum '%3' | cut -c1-64\n")
                                   .arg(mountPoint, source, db, cliPath, ROUTESCOPE_TEST_DATA "/good/long_small.csv");
        QProcess child;
        child.start(unshare, {"-m", "sh", "-c", script});
        QVERIFY(child.waitForFinished(300000));
        if (child.exitCode() == 77)
            QSKIP("SKIPPED LOUDLY: this machine does not allow a tmpfs mount in a private namespace");
        QCOMPARE(child.exitCode(), 0);
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        QVERIFY2(lines.size() >= 6, child.readAllStandardError().constData());
        QCOMPARE(lines[1], QByteArray("info 0"));
        QCOMPARE(lines[2], QByteArray("check 0"));
        QCOMPARE(lines[3], QByteArray("compare 0"));
        QCOMPARE(lines[4], QByteArray("import 1"));
        QCOMPARE(lines[5], lines[0]); // the project is as it was
        QFile compareErr(mountPoint + ".compare"), importErr(mountPoint + ".import");
        QVERIFY(compareErr.open(QIODevice::ReadOnly) && importErr.open(QIODevice::ReadOnly));
        const QByteArray compareSaid = compareErr.readAll(), importSaid = importErr.readAll();
        QVERIFY2(compareSaid.contains("not saved: " + db.toUtf8() + ": cannot write the lock file") &&
                     compareSaid.contains("No space left on device"),
                 compareSaid.constData());
        QVERIFY2(importSaid.contains("No space left on device"), importSaid.constData());
    }
};

QTEST_GUILESS_MAIN(TestProjectFaults)
#include "test_project_faults.moc"
