// The workbench's background jobs end where the user expects: a training does not follow the
// user into another project, the bootstrap after it is no training (and its intervals never
// land on a result that left the screen), what a job uses is not removed under it, a failed or
// cancelled job says what it was and leaves no half result, and the scenario views follow the
// experiment on screen through renames, clears and new trainings.

#include "main_window.h"
#include "gui_support.h"
#include "test_support.h"

#include "experiment/experiment_store.h"
#include "frontier_plot.h"
#include "import/importer.h"
#include "metrics_panel.h"
#include "metrics_table.h"
#include "project_actions.h"
#include "project_session.h"
#include "result_views.h"
#include "scenario/scenario_store.h"
#include "scenario_panel.h"
#include "scenario_workbench.h"
#include "selection_share_plot.h"
#include "training_panel.h"

#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace routescope;

class TestBackgroundJobs : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString saved_; // experiments "first" (knn) and "second" (ridge) on one synthetic dataset

    // A fresh project holding the synthetic dataset.
    QString makeProject(const QString& name)
    {
        const QString path = dir_.filePath(name);
        const std::string csv = dir_.filePath("synthetic.csv").toStdString();
        if (!QFile::exists(QString::fromStdString(csv)))
            test::writeSyntheticCsv(csv, 5, 400);
        ProjectStore store(path.toStdString());
        importDataset(store, csv, {});
        return path;
    }

    // A copy of the project with saved experiments, open in `window` with "second" on screen.
    bool openCopyOfSaved(MainWindow& window, const QString& name)
    {
        QFile::copy(saved_, dir_.filePath(name));
        QSignalSpy shown(&window, &MainWindow::resultShown);
        return test::openAndWait(window, dir_.filePath(name)) && shown.wait(60000);
    }

    // Intervals that take seconds, so that a test can act while they are computed.
    static void slowBootstrap(MainWindow& window)
    {
        SummaryOptions options = window.jobs()->summaryOptions();
        options.bootstrap.resamples = 200000;
        window.jobs()->setSummaryOptions(options);
    }

    // Lets every job on the pool end and the GUI take what they posted.
    static void drainJobs()
    {
        QVERIFY(QThreadPool::globalInstance()->waitForDone(300000));
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
    }

    static QString statusText(MainWindow& window)
    {
        QStringList texts;
        for (auto* label : window.statusBar()->findChildren<QLabel*>())
            texts << label->text();
        return texts.join(" | ");
    }

    static QString metricsNote(MainWindow& window)
    {
        QStringList texts;
        for (auto* label : window.views()->metricsPanel()->findChildren<QLabel*>())
            texts << label->text();
        return texts.join(" | ");
    }

    // Clicks `button` in the next message box shown with exec(), whenever it comes.
    void answerWhenAsked(const QString& button, QString* text)
    {
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, poll, [poll, button, text] {
            if (!qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                return;
            poll->deleteLater();
            test::answerNextBox(button, text);
        });
        poll->start(20);
    }

    // The project's experiments as the project file holds them.
    static std::vector<SavedExperiment> experimentsIn(const QString& path)
    {
        ProjectStore store(path.toStdString(), ProjectStore::Access::ReadOnly);
        return listExperiments(store);
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings();
        saved_ = makeProject("saved.routescope");
        ProjectStore store(saved_.toStdString());
        const auto id = store.datasets().front().id;
        const OutcomeMatrix data = store.loadOutcomes(id);
        for (const auto& [label, router] : {std::pair{"first", "knn"}, std::pair{"second", "ridge"}}) {
            ExperimentSpec spec;
            spec.routers = {parseRouterSpec(router)};
            spec.featurizer.dimensions = 32;
            saveExperiment(store, label, id, std::nullopt, spec, runExperiment({&data, nullptr, &store, id}, {}, spec));
        }
    }

    // Another project opened while an experiment trains: the user is asked first; the training
    // is then cancelled, and nothing of it reaches the other project's window.
    void aTrainingDoesNotFollowIntoAnotherProject()
    {
        const QString training = makeProject("training.routescope");
        const QString other = makeProject("other.routescope");
        MainWindow window;
        QVERIFY(test::openAndWait(window, training));
        window.trainingPanel()->setRouters({"knn", "mlp", "equirouter"});
        QSignalSpy partial(&window, &MainWindow::resultShown);
        window.startTraining();
        QVERIFY(partial.wait(60000)); // knn is in: the plots show it
        QVERIFY(window.jobs()->training());

        QString question;
        if (!qEnvironmentVariable("ROUTESCOPE_TEST_GRABS").isEmpty())
            QTimer::singleShot(0, [] { test::grab(*QApplication::activeModalWidget(), "switch_question"); });
        test::answerNextBox("Keep Training", &question);
        QVERIFY(!window.openProject(other));
        QVERIFY2(question.contains("training") && question.contains(other), qPrintable(question));
        QVERIFY(window.jobs()->training());
        QVERIFY(window.windowTitle().contains("training.routescope"));
        // A copy saved meanwhile asks before it is opened too, and says where it went when it is not.
        QSignalSpy saved(window.project(), &ProjectSession::saved);
        question.clear();
        answerWhenAsked("Keep Training", &question);
        window.project()->saveCopy(dir_.filePath("copy.routescope"));
        QVERIFY(saved.wait(60000));
        QVERIFY(question.contains("copy.routescope"));
        QVERIFY2(statusText(window).contains("Saved a copy as " + dir_.filePath("copy.routescope")), qPrintable(statusText(window)));
        QVERIFY(window.windowTitle().contains("training.routescope"));
        QVERIFY(window.jobs()->training());

        test::answerNextBox("Cancel Training and Open");
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        QVERIFY(window.openProject(other));
        QVERIFY(opened.wait(60000));
        QVERIFY(window.windowTitle().contains("other.routescope"));
        QVERIFY(!window.trainingRunning());
        QSignalSpy later(&window, &MainWindow::resultShown);
        drainJobs();
        QCOMPARE(later.count(), 0);
        QVERIFY(!window.result().runs);
        QVERIFY(window.frontierPlot()->plottableCount() == 0);
        // The training panel is ready for this project: no old progress bars, Train enabled.
        QVERIFY(window.trainingPanel()->findChildren<QProgressBar*>().isEmpty());
        for (auto* button : window.trainingPanel()->findChildren<QPushButton*>())
            if (button->text() == "Train")
                QVERIFY(button->isEnabled());
        QVERIFY(experimentsIn(other).empty());
    }

    // The bootstrap after a result is no training: another experiment can be clicked, and the
    // intervals of an experiment deleted meanwhile never fill the metrics table.
    void intervalsOfADeletedExperimentAreDropped()
    {
        MainWindow window;
        slowBootstrap(window);
        QVERIFY(openCopyOfSaved(window, "intervals.routescope"));
        QCOMPARE(window.result().label, QStringLiteral("second"));
        QVERIFY(window.trainingRunning()); // its intervals
        QVERIFY(!window.jobs()->training());

        test::answerNextBox("Yes");
        window.projectActions()->deleteExperiment("second");
        QCOMPARE(window.project()->experiments().size(), std::size_t(1));
        QVERIFY(!window.result().runs);
        QSignalSpy intervals(&window, &MainWindow::intervalsShown);
        drainJobs();
        QCOMPARE(intervals.count(), 0);
        QCOMPARE(window.metricsTable()->tableModel()->rowCount(), 0);
        QVERIFY2(!metricsNote(window).contains("computing"), qPrintable(metricsNote(window)));
    }

    // Clicked while another experiment is loading (its result not on screen yet), an experiment
    // is shown: only a training comes first.
    void anExperimentCanBeClickedWhileAnotherLoads()
    {
        QFile::copy(saved_, dir_.filePath("click.routescope"));
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, dir_.filePath("click.routescope"))); // "second" is loading
        QVERIFY(window.trainingRunning() && !window.result().complete);
        window.showExperiment("first");
        QVERIFY2(!statusText(window).contains("training"), qPrintable(statusText(window)));
        QVERIFY(shown.wait(60000));
        drainJobs();
        QCOMPARE(window.result().label, QStringLiteral("first"));
    }

    // What a running job uses is not removed or renamed under it: the user is told why.
    void whatAJobUsesIsNotRemovedUnderIt()
    {
        MainWindow window;
        QVERIFY(openCopyOfSaved(window, "in_use.routescope"));
        drainJobs();
        QSignalSpy refused(window.projectActions(), &ProjectActions::error);
        const std::int64_t dataset = window.project()->datasets().front().id;

        // An experiment being loaded.
        window.showExperiment("first");
        QVERIFY(window.jobs()->usesExperiment("first"));
        test::answerNextBox("Cancel"); // asked only without the refusal
        window.projectActions()->deleteExperiment("first");
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.last().at(1).toString().contains("'first' is being loaded"), qPrintable(refused.last().at(1).toString()));
        test::answerNextBox("Cancel");
        window.projectActions()->removeDataset(dataset); // "first" goes with it
        QCOMPARE(refused.count(), 2);
        QCOMPARE(window.project()->experiments().size(), std::size_t(2));
        window.cancelTraining();
        drainJobs();

        // A dataset being trained on.
        window.trainingPanel()->setRouters({"knn", "mlp"});
        window.startTraining();
        QVERIFY(window.jobs()->training());
        test::answerNextBox("Cancel");
        window.projectActions()->removeDataset(dataset);
        QCOMPARE(refused.count(), 3);
        QVERIFY2(refused.last().at(1).toString().contains("training on this dataset"), qPrintable(refused.last().at(1).toString()));
        QCOMPARE(window.project()->datasets().size(), std::size_t(1));
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        QVERIFY(finished.wait(300000));
        QCOMPARE(experimentsIn(window.project()->path()).size(), std::size_t(3)); // trained and saved
    }

    // A training that fails leaves no partial result on screen, and the message says training.
    void aFailedTrainingLeavesNoPartialResult()
    {
        const QString project = makeProject("fails.routescope");
        MainWindow window;
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"knn", "mlp"});
        QSignalSpy partial(&window, &MainWindow::resultShown);
        window.startTraining();
        QVERIFY(partial.wait(60000));
        QVERIFY(window.result().runs && !window.result().complete);
        // Removed under it by another program: the training cannot save.
        {
            ProjectStore store(project.toStdString());
            store.removeDataset(store.datasets().front().id);
        }
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        QVERIFY(finished.wait(300000));
        auto* box = test::visibleDialog<QMessageBox>(&window);
        QVERIFY(box);
        QCOMPARE(box->windowTitle(), QStringLiteral("Training failed"));
        box->accept();
        QVERIFY(!window.result().runs);
        QCOMPARE(window.frontierPlot()->plottableCount(), 0);
        QVERIFY2(!statusText(window).contains("ready"), qPrintable(statusText(window)));
    }

    // A saved experiment that cannot be shown says so, not "Training failed".
    void aFailedLoadIsNotCalledTraining()
    {
        MainWindow window;
        QVERIFY(openCopyOfSaved(window, "load_fails.routescope"));
        drainJobs();
        {
            ProjectStore store(window.project()->path().toStdString());
            removeExperiment(store, "first"); // by another program: the list still shows it
        }
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.showExperiment("first");
        QVERIFY(finished.wait(60000));
        auto* box = test::visibleDialog<QMessageBox>(&window);
        QVERIFY(box);
        QCOMPARE(box->windowTitle(), QStringLiteral("Cannot show the experiment"));
        QVERIFY2(box->text().contains("no experiment labelled 'first'"), qPrintable(box->text()));
        box->accept();
        QCOMPARE(window.result().label, QStringLiteral("second")); // still on screen
    }

    // Cancelled during the bootstrap after its routers: the experiment is saved and says so; the
    // metrics keep their point estimates and stop saying that intervals are coming.
    void cancellingTheIntervalsKeepsTheExperiment()
    {
        const QString project = makeProject("cancel_intervals.routescope");
        MainWindow window;
        window.show();
        slowBootstrap(window);
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"knn"});
        QSignalSpy shown(&window, &MainWindow::resultShown);
        window.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toBool(), 120000);
        // The routers are done: no training any more, only the intervals, with their own Cancel.
        QVERIFY(window.trainingRunning());
        QVERIFY(!window.jobs()->training());
        QVERIFY2(metricsNote(window).contains("computing"), qPrintable(metricsNote(window)));
        for (auto* button : window.trainingPanel()->findChildren<QPushButton*>()) // Train; not Cancel, nor Skip
            QCOMPARE(button->isEnabled(), button->text() == "Train");
        QTRY_VERIFY(window.views()->intervalCancel()->isVisible());
        test::grab(window, "intervals_running");
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.views()->intervalCancel()->click();
        QVERIFY(finished.wait(60000));
        test::grab(window, "intervals_cancelled");
        QVERIFY2(statusText(window).contains("intervals cancelled") && !statusText(window).contains("nothing was saved"),
                 qPrintable(statusText(window)));
        QVERIFY2(!metricsNote(window).contains("computing"), qPrintable(metricsNote(window)));
        QVERIFY(!window.views()->intervalCancel()->isVisible());
        QVERIFY(window.result().complete);
        QVERIFY(window.metricsTable()->tableModel()->rowCount() > 0);
        QCOMPARE(experimentsIn(project).size(), std::size_t(1));
    }

    // The budget policy changed while routers train: the result comes under the policy the menu shows.
    void aPolicyChosenDuringTrainingApplies()
    {
        const QString project = makeProject("policy.routescope");
        MainWindow window;
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"knn", "mlp"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        QComboBox* policy = nullptr;
        for (auto* box : window.trainingPanel()->findChildren<QComboBox*>())
            if (box->findData(int(BudgetPolicy::WillingnessToPay)) >= 0)
                policy = box;
        QVERIFY(policy);
        policy->setCurrentIndex(policy->findData(int(BudgetPolicy::WillingnessToPay)));
        QVERIFY(window.jobs()->training());
        QTRY_VERIFY_WITH_TIMEOUT(window.result().complete && !window.trainingRunning(), 300000);
        QCOMPARE(window.result().comparison.policy, BudgetPolicy::WillingnessToPay);
    }

    // Renamed while a scenario is on screen: the Scenario panel and the baseline follow, so the
    // scenario is saved with the experiment under its new name.
    void aScenarioFollowsItsRenamedExperiment()
    {
        MainWindow window;
        QVERIFY(openCopyOfSaved(window, "rename_scenario.routescope"));
        auto* panel = window.findChild<ScenarioPanel*>();
        QVERIFY(panel);
        auto* model = panel->model();
        QVERIFY(model->setData(model->index(0, ScenarioModel::Factor), "0.5", Qt::EditRole));
        QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline != nullptr, 30000);
        drainJobs();

        QTimer::singleShot(0, [] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue("renamed");
            dialog->accept();
        });
        window.projectActions()->renameExperiment("second");
        QCOMPARE(window.result().label, QStringLiteral("renamed"));
        QCOMPARE(window.result().baseline->label, QStringLiteral("renamed"));
        QCOMPARE(panel->experiment(), QStringLiteral("renamed"));

        Scenario half = panel->scenario();
        half.name = "half";
        QString refusal;
        test::answerNextBox("OK", &refusal);
        emit panel->saveRequested(half, false);
        QApplication::processEvents();
        QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
        ProjectStore store(window.project()->path().toStdString(), ProjectStore::Access::ReadOnly);
        QVERIFY(loadScenario(store, "renamed", "half"));
        // Edited again, the scenario is evaluated against the renamed experiment.
        QVERIFY(model->setData(model->index(0, ScenarioModel::Factor), "0.25", Qt::EditRole));
        QTRY_VERIFY_WITH_TIMEOUT(!window.result().scenario.factors.empty() &&
                                     window.result().scenario.factors.begin()->second == 0.25,
                                 30000);
        QCOMPARE(window.result().label, QStringLiteral("renamed"));
    }

    // The scenario views go with the experiment they were for: when it is cleared, and when a
    // new experiment trains.
    void scenarioViewsAreResetWithTheResult()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(openCopyOfSaved(window, "reset_scenario.routescope"));
        auto* panel = window.findChild<ScenarioPanel*>();
        auto* workbench = window.findChild<ScenarioWorkbench*>();
        auto* display = panel->findChildren<QComboBox*>().last();
        const auto underScenario = [&] {
            display->setCurrentIndex(int(ScenarioPanel::Display::SideBySide));
            QVERIFY(panel->model()->setData(panel->model()->index(0, ScenarioModel::Factor), "0.5", Qt::EditRole));
            QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline != nullptr, 30000);
            QTRY_VERIFY(workbench->baselineFrontier()->isVisible());
            QVERIFY(!window.frontierPlot()->titleNote().isEmpty());
            QVERIFY(panel->model()->rowCount() > 0);
        };
        const auto reset = [&] {
            QVERIFY(!workbench->baselineFrontier()->isVisible());
            QVERIFY2(window.frontierPlot()->titleNote().isEmpty(), qPrintable(window.frontierPlot()->titleNote()));
            QVERIFY(window.sharePlot()->titleNote().isEmpty());
            QCOMPARE(panel->model()->rowCount(), 0);
            QVERIFY(panel->experiment().isEmpty());
        };
        underScenario();
        QVERIFY(!QTest::currentTestFailed());
        test::answerNextBox("Yes");
        window.projectActions()->deleteExperiment("second");
        QVERIFY(!window.result().runs);
        reset();
        QVERIFY(!QTest::currentTestFailed());

        QSignalSpy shown(&window, &MainWindow::resultShown);
        window.showExperiment("first");
        QVERIFY(shown.wait(60000));
        underScenario();
        QVERIFY(!QTest::currentTestFailed());
        window.trainingPanel()->setRouters({"knn", "mlp"});
        shown.clear();
        window.startTraining();
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.last().at(0).toBool(), false); // a partial result
        reset();
        window.cancelTraining();
        drainJobs();
    }

    // Files dropped with no project open go into the default project; when it cannot be opened,
    // the error names them rather than dropping them silently.
    void filesNotImportedAreNamed()
    {
        const QString broken = dir_.filePath("broken.routescope");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is no SQLite database, it is a text file with a project's name");
        file.close();
        ProjectActions::setDefaultProjectPath(broken);
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        const QString csv = dir_.filePath("synthetic.csv");
        window.importFiles({csv});
        QVERIFY(opened.wait(60000));
        QCOMPARE(opened.last().at(0).toBool(), false);
        auto* box = test::visibleDialog<QMessageBox>(&window);
        QVERIFY(box);
        QVERIFY2(box->text().contains(csv) && box->text().contains("not imported"), qPrintable(box->text()));
    }
};

QTEST_MAIN(TestBackgroundJobs)
#include "test_background_jobs.moc"
