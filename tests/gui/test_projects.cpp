// The workbench keeps track of projects and experiments: the saved experiments listed and shown
// with their own settings, renamed and deleted; datasets renamed and removed with what uses them;
// a file the project holds is not silently imported twice; scores without costs ask for a price
// table; import warnings are shown; projects are made, copied and reopened, and Open Recent lists
// only what opened.

#include "main_window.h"
#include "gui_support.h"
#include "test_support.h"

#include "dataset_panel.h"
#include "experiment/experiment_store.h"
#include "experiment_card.h"
#include "experiment_list.h"
#include "import/importer.h"
#include "import_dialog.h"
#include "project_actions.h"
#include "project_session.h"
#include "recent_files.h"
#include "store/schema.h"
#include "training_panel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFont>
#include <QInputDialog>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

class TestProjects : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString twoExperiments_; // a project with experiments "first" (knn) and "second" (ridge, seeds 0,1, 20/80)

    QString writeCsv(const QString& name)
    {
        const QString path = dir_.filePath(name);
        if (!QFile::exists(path))
            test::writeSyntheticCsv(path.toStdString(), 6, 300);
        return path;
    }

    // A fresh project holding the synthetic dataset, imported as `dataset`.
    QString makeProject(const QString& name, const std::string& dataset = "synthetic")
    {
        const QString path = dir_.filePath(name);
        ProjectStore store(path.toStdString());
        ImportOptions options;
        options.datasetName = dataset;
        importDataset(store, writeCsv("synthetic.csv").toStdString(), options);
        return path;
    }

    static int cli(const QStringList& args)
    {
        QProcess process;
        process.start(QStringLiteral(ROUTESCOPE_CLI), args);
        process.waitForFinished(300000);
        return process.exitCode();
    }

    // A copy of the two-experiment project, open in `window` with its latest experiment shown.
    bool openCopyOfTwo(MainWindow& window, const QString& name)
    {
        QFile::copy(twoExperiments_, dir_.filePath(name));
        QSignalSpy shown(&window, &MainWindow::resultShown);
        return test::openAndWait(window, dir_.filePath(name)) && shown.wait(60000);
    }

    static QStringList column(QAbstractItemModel* model, int column)
    {
        QStringList values;
        for (int row = 0; row < model->rowCount(); ++row)
            values << model->index(row, column).data().toString();
        return values;
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings();
        twoExperiments_ = makeProject("two.routescope");
        QCOMPARE(cli({"compare", "--db", twoExperiments_, "--dataset", "synthetic", "--routers", "knn", "--label", "first",
                      "--bootstrap", "0"}),
                 0);
        QCOMPARE(cli({"compare", "--db", twoExperiments_, "--dataset", "synthetic", "--routers", "ridge", "--seeds", "0,1",
                      "--train-fraction", "0.2", "--label", "second", "--bootstrap", "0"}),
                 0);
    }

    // The list holds every saved experiment with its dataset, split, routers, seeds and date, the
    // same after the project is closed and opened again; selecting one shows it, and the side
    // panel shows that experiment's settings, not the form's, with "Copy to form".
    void experimentListRoundTripsThroughAReopen()
    {
        QStringList before;
        for (int pass = 0; pass < 2; ++pass) {
            MainWindow window;
            QSignalSpy shown(&window, &MainWindow::resultShown);
            QVERIFY(test::openAndWait(window, twoExperiments_));
            QVERIFY(shown.wait(60000));
            ExperimentListModel* model = window.experimentList()->model();
            QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(model->rowCount(), 2);
            QCOMPARE(column(model, ExperimentListModel::Name), (QStringList{"first", "second"}));
            QCOMPARE(column(model, ExperimentListModel::Dataset), (QStringList{"synthetic", "synthetic"}));
            QCOMPARE(column(model, ExperimentListModel::Split), (QStringList{"in-domain 70 / 30", "in-domain 20 / 80"}));
            QCOMPARE(column(model, ExperimentListModel::Routers), (QStringList{"knn", "ridge"}));
            QCOMPARE(column(model, ExperimentListModel::Seeds), (QStringList{"0", "0, 1"}));
            QVERIFY(model->index(0, ExperimentListModel::Trained).data().toString().startsWith("20"));
            QStringList rows;
            for (int c = 0; c < ExperimentListModel::ColumnCount; ++c)
                rows << column(model, c);
            if (pass == 0)
                before = rows;
            else
                QCOMPARE(rows, before);

            // The latest is on screen, in bold; the card shows its settings.
            QCOMPARE(window.result().label, QStringLiteral("second"));
            QVERIFY(model->index(1, 0).data(Qt::FontRole).value<QFont>().bold());
            QVERIFY2(window.experimentCard()->text().contains("Seeds: 0, 1"), qPrintable(window.experimentCard()->text()));

            // Copy to form: the form takes the shown experiment's routers, split and seeds.
            window.trainingPanel()->setRouters({"mlp"});
            QPushButton* copy = nullptr;
            for (auto* b : window.experimentCard()->findChildren<QPushButton*>())
                if (b->text() == "Copy to form")
                    copy = b;
            QVERIFY(copy && !copy->isHidden());
            copy->click();
            const ExperimentSpec spec = window.trainingPanel()->spec();
            QCOMPARE(spec.routers.size(), std::size_t(1));
            QCOMPARE(spec.routers[0].name, std::string("ridge"));
            QCOMPARE(spec.trainFraction, 0.2);
            QCOMPARE(spec.seeds, (std::vector<std::uint64_t>{0, 1}));

            // Selecting the other shows it: its results and its settings.
            shown.clear();
            window.experimentList()->view()->setCurrentIndex(model->index(0, 0));
            QVERIFY(shown.wait(60000));
            QCOMPARE(window.result().label, QStringLiteral("first"));
            QCOMPARE(window.result().comparison.routerNames, std::vector<std::string>{"knn"});
            const QString card = window.experimentCard()->text();
            QVERIFY2(card.contains("On screen: first") && card.contains("Routers: knn") && card.contains("in-domain 70 / 30"),
                     qPrintable(card));
        }
    }

    // Off the screen (a training started, then cancelled), the experiment's row is no longer
    // current either: clicking the same row again shows it again.
    void aClearedExperimentIsShownAgainWhenClickedAgain()
    {
        ExperimentList list;
        SavedExperiment a, b;
        a.label = "a";
        b.label = "b";
        list.model()->setExperiments({a, b}, {});
        QSignalSpy asked(&list, &ExperimentList::showRequested);
        list.view()->setCurrentIndex(list.model()->index(0, 0));
        QCOMPARE(asked.count(), 1);
        list.setCurrent({});
        QCOMPARE(asked.count(), 1); // clearing asks for nothing
        list.view()->setCurrentIndex(list.model()->index(0, 0));
        QCOMPARE(asked.count(), 2);
        QCOMPARE(asked.last().at(0).toString(), QStringLiteral("a"));
    }

    // Renamed: the list, the project and the experiment on screen follow. Deleted after a
    // confirmation (Cancel keeps it): it leaves the project and the screen.
    void experimentsAreRenamedAndDeleted()
    {
        MainWindow window;
        QVERIFY(openCopyOfTwo(window, "rename.routescope"));
        ProjectSession* session = window.project();
        QCOMPARE(session->renameExperiment("second", "first"), QStringLiteral("an experiment labelled 'first' is already in the project"));
        QTimer::singleShot(0, [] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue("ridge 20/80");
            dialog->accept();
        });
        window.projectActions()->renameExperiment("second");
        QCOMPARE(column(window.experimentList()->model(), 0), (QStringList{"first", "ridge 20/80"}));
        QCOMPARE(window.result().label, QStringLiteral("ridge 20/80")); // on screen, under its new name
        QVERIFY(window.experimentCard()->text().contains("On screen: ridge 20/80"));

        QString question;
        test::answerNextBox("Cancel", &question);
        window.projectActions()->deleteExperiment("first");
        QVERIFY2(question.contains("Delete experiment 'first'"), qPrintable(question));
        QCOMPARE(session->experiments().size(), std::size_t(2));
        test::answerNextBox("Yes");
        window.projectActions()->deleteExperiment("first");
        QCOMPARE(session->experiments().size(), std::size_t(1));
        QCOMPARE(column(window.experimentList()->model(), 0), QStringList{"ridge 20/80"});
    }

    // A dataset is renamed, and removed after a confirmation that names the experiments going with it.
    void datasetsAreRenamedAndRemovedWithTheirExperiments()
    {
        MainWindow window;
        QVERIFY(openCopyOfTwo(window, "datasets.routescope"));
        ProjectSession* session = window.project();
        const std::int64_t id = session->datasets().front().id;
        QCOMPARE(session->renameDataset(id, "bench"), QString());
        auto* table = window.findChild<DatasetTable*>();
        QCOMPARE(table->topLevelItem(0)->text(0), QStringLiteral("bench"));
        QCOMPARE(column(window.experimentList()->model(), ExperimentListModel::Dataset), (QStringList{"bench", "bench"}));

        QString question;
        test::answerNextBox("Yes", &question);
        window.projectActions()->removeDataset(id);
        QVERIFY2(question.contains("'bench'") && question.contains("- first") && question.contains("- second"),
                 qPrintable(question));
        QVERIFY(session->datasets().empty());
        QVERIFY(session->experiments().empty());
        QCOMPARE(table->topLevelItemCount(), 0);
        QVERIFY(!window.result().runs); // what was on screen went with it
    }

    // Opening a file the project already holds asks; Skip adds nothing, Import Again adds a copy.
    void aFileThatIsAlreadyInTheProjectAsks()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, dir_.filePath("twice.routescope")));
        const QString file = QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv");
        QSignalSpy finished(&window, &MainWindow::importFinished);
        window.importFiles({file});
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), true);

        window.importFiles({file});
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(finished.last().at(1).toString().contains("dataset 'two_queries_long'"), qPrintable(finished.last().at(1).toString()));
        QMessageBox* box = test::visibleDialog<QMessageBox>(&window);
        QVERIFY(box);
        test::buttonOf(box, "Skip")->click();
        QCOMPARE(window.project()->datasets().size(), std::size_t(1));

        window.importFiles({file});
        QVERIFY(finished.wait(10000));
        box = test::visibleDialog<QMessageBox>(&window);
        QVERIFY(box);
        test::buttonOf(box, "Import Again")->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(window.project()->datasets().back().name, std::string("two_queries_long-2"));
    }

    // A scores JSON has no costs: the dialog asks for the price table (remembered next time) and
    // the answer length, and the file is imported with them. Warnings the importer gives are shown.
    void scoresWithoutCostsAskForAPriceTable()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, dir_.filePath("scores.routescope")));
        QSignalSpy finished(&window, &MainWindow::importFinished);
        window.importFiles({QStringLiteral(ROUTESCOPE_TEST_DATA "/good/scores_small.json")});
        auto* dialog = test::visibleDialog<ScoresImportDialog>(&window);
        QVERIFY(dialog);
        QPushButton* import = nullptr;
        for (auto* b : dialog->findChildren<QPushButton*>())
            if (b->text() == "Import")
                import = b;
        QVERIFY(import);
        dialog->setPriceTable(dir_.filePath("no-such-prices.json"));
        QVERIFY(!import->isEnabled());
        dialog->setPriceTable(QStringLiteral(ROUTESCOPE_TEST_DATA "/good/prices_small.json"));
        QVERIFY(import->isEnabled());
        import->click();
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QCOMPARE(window.project()->datasets().front().models.size(), std::size_t(2));
        QCOMPARE(QSettings().value("import/priceTable").toString(), QStringLiteral(ROUTESCOPE_TEST_DATA "/good/prices_small.json"));
        ScoresImportDialog again("x.json");
        QCOMPARE(QString::fromStdString(again.options().pricesPath), QStringLiteral(ROUTESCOPE_TEST_DATA "/good/prices_small.json"));

        // A long CSV with a column RouteScope does not read: imported, and the warning shown.
        const QString extra = dir_.filePath("extra_column.csv");
        QFile file(extra);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("sample_id,prompt,task,model,score,cost,judge\nq1,a,t,m1,1,0.1,x\nq1,a,t,m2,0,0.2,y\n");
        file.close();
        window.importFiles({extra});
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.last().at(0).toBool());
        QMessageBox* box = test::visibleDialog<QMessageBox>(&window);
        QVERIFY(box);
        QVERIFY2(box->text().contains("columns ignored: 'judge'"), qPrintable(box->text()));
        box->accept();
    }

    // A project of an older RouteScope is upgraded on open, and the Datasets tab says where the old one is kept.
    void anUpgradedProjectNamesItsBackup()
    {
        const QString path = dir_.filePath("older.routescope");
        {
            const std::vector<std::string_view> v5(schema::kMigrations.begin(), schema::kMigrations.begin() + 5);
            ProjectStore older(path.toStdString(), ProjectStore::Access::ReadWrite, v5);
        }
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        QVERIFY(window.openProject(path));
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.last().at(0).toBool(), true);
        const QString backup = path + ".v5.bak";
        QVERIFY(QFile::exists(backup));
        QLabel* where = nullptr;
        for (auto* label : window.findChild<DatasetPanel*>()->findChildren<QLabel*>())
            if (label->text().startsWith("Project:"))
                where = label;
        QVERIFY(where);
        QVERIFY2(where->text().contains("Upgraded") && where->text().contains(backup), qPrintable(where->text()));
    }

    // The title names the project's path; Save As copies the project and opens the copy; with no
    // project open, files go to the default project, whose place the Datasets tab names; Open
    // Recent lists only what opened; the last project is the one reopened.
    void projectsAreMadeCopiedAndRemembered()
    {
        ProjectActions::setDefaultProjectPath(dir_.filePath("default/inbox.routescope"));
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        QSignalSpy finished(&window, &MainWindow::importFinished);
        window.importFiles({QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv")});
        QVERIFY(finished.wait(30000));
        QCOMPARE(window.project()->path(), dir_.filePath("default/inbox.routescope"));
        QVERIFY(window.windowTitle().startsWith(dir_.filePath("default/inbox.routescope")));
        QLabel* where = nullptr;
        for (auto* label : window.findChild<DatasetPanel*>()->findChildren<QLabel*>())
            if (label->text().startsWith("Project:"))
                where = label;
        QVERIFY(where && where->text().contains("the default project"));

        // A bad file is not listed in Open Recent; the good one is.
        window.importFiles({QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/bad_score_long.csv")});
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        test::visibleDialog<QMessageBox>(&window)->accept(); // the import's error
        const QStringList recentFiles = QSettings().value("recentFiles").toStringList();
        QVERIFY(recentFiles.contains(QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv")));
        QVERIFY(!recentFiles.contains(QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/bad_score_long.csv")));

        // Save As: the copy holds the dataset and is the project open now.
        const QString copy = dir_.filePath("copy.routescope");
        opened.clear();
        window.project()->saveCopy(copy);
        QVERIFY(opened.wait(30000));
        QCOMPARE(window.project()->path(), copy);
        QCOMPARE(window.project()->datasets().size(), std::size_t(1));
        QVERIFY(window.windowTitle().startsWith(copy));
        QVERIFY(!where->text().contains("default"));

        // A file that is no project does not open, and is not remembered.
        const QString notAProject = dir_.filePath("not.routescope");
        QFile junk(notAProject);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("this is no SQLite file at all, just text that is long enough to be read");
        junk.close();
        QVERIFY(!test::openAndWait(window, notAProject));
        test::visibleDialog<QMessageBox>(&window)->accept();
        QCOMPARE(window.project()->path(), copy); // the open project stays open
        QVERIFY(!QSettings().value("recentProjects").toStringList().contains(notAProject));

        // At the next launch, the last project that opened comes back.
        MainWindow next;
        QSignalSpy nextOpened(&next, &MainWindow::projectOpened);
        next.openLastProject();
        QVERIFY(nextOpened.wait(30000));
        QCOMPARE(next.project()->path(), copy);
    }
};

QTEST_MAIN(TestProjects)
#include "test_projects.moc"
