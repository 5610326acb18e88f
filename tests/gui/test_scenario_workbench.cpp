// The Scenario panel in the workbench, as a user drives it: repricing a model or taking it out of
// the pool re-evaluates the shown experiment in the background (no retraining), every view and
// the plots' titles follow, the training prices can be overlaid or shown beside it, scenarios
// are saved with their experiment, and "Retrain under this scenario" trains a new experiment.

#include "main_window.h"
#include "gui_support.h"
#include "test_support.h"

#include "calls_plot.h"
#include "experiment/experiment_store.h"
#include "frontier_plot.h"
#include "import/importer.h"
#include "scenario/scenario_store.h"
#include "scenario_panel.h"
#include "scenario_workbench.h"
#include "result_views.h"
#include "selection_share_plot.h"
#include "share_panel.h"
#include "store/sqlite.h"
#include "training_panel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

class TestScenarioWorkbench : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString project_;
    const std::string gpt4_ = "gpt-4-1106-preview";

    static int rowOf(const ScenarioModel& model, const std::string& name)
    {
        for (std::size_t r = 0; r < model.rows().size(); ++r)
            if (model.rows()[r].name == name)
                return int(r);
        return -1;
    }

    // Opens `path` in `window` and waits until its latest experiment is on screen.
    static bool openAndShow(MainWindow& window, const QString& path)
    {
        QSignalSpy shown(&window, &MainWindow::resultShown);
        window.openProject(path);
        return shown.wait(60000);
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings();
        project_ = dir_.filePath("scenario.routescope");
        const std::string csv = dir_.filePath("synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv, 12, 500);
        ProjectStore store(project_.toStdString());
        const auto id = importDataset(store, csv, {}).datasetId;
        const OutcomeMatrix data = store.loadOutcomes(id);
        ExperimentSpec spec;
        for (const char* r : {"knn", "ridge", "cascade"})
            spec.routers.push_back(parseRouterSpec(r));
        spec.featurizer.dimensions = 32;
        saveExperiment(store, "base", id, std::nullopt, spec, runExperiment({&data, nullptr, &store, id}, {}, spec));
    }

    void editsReevaluateEveryViewWithoutRetraining()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(openAndShow(window, project_));
        auto* panel = window.findChild<ScenarioPanel*>();
        QVERIFY(panel);
        panel->parentWidget()->raise(); // its dock's tab
        auto* model = panel->model();
        QCOMPARE(model->rowCount(), 11);
        QCOMPARE(panel->experiment(), QStringLiteral("base"));
        const double before = window.result().summary.row("single:" + gpt4_)->frontier.front().cost;

        // gpt-4 at a tenth of its price.
        const int gpt4 = rowOf(*model, gpt4_);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(model->setData(model->index(gpt4, ScenarioModel::Factor), "0.1", Qt::EditRole));
        QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline != nullptr, 30000);
        qInfo("re-evaluated in %lld ms", timer.elapsed());
        const auto& result = window.result();
        QCOMPARE(result.scenario.factors.at(gpt4_), 0.1);
        QVERIFY(std::abs(result.summary.row("single:" + gpt4_)->frontier.front().cost - before * 0.1) < 1e-9 * before);
        QCOMPARE(result.baseline->summary.row("single:" + gpt4_)->frontier.front().cost, before);
        QVERIFY(window.frontierPlot()->titleNote().contains("gpt-4-1106-preview x0.1"));
        QVERIFY(window.sharePlot()->titleNote().contains("gpt-4-1106-preview x0.1"));
        QVERIFY(window.views()->shares()->secondPlot()->titleNote().contains("gpt-4-1106-preview x0.1"));
        QVERIFY(window.callsPlot()->titleNote().contains("gpt-4-1106-preview x0.1"));
        QVERIFY(model->data(model->index(gpt4, ScenarioModel::MeanCost), Qt::DisplayRole).toString().contains(QChar(0x2192)));

        // Out of the pool: every view has one model less.
        const int claude = rowOf(*model, "claude-v1");
        QVERIFY(model->setData(model->index(claude, ScenarioModel::Model), Qt::Unchecked, Qt::CheckStateRole));
        QTRY_COMPARE_WITH_TIMEOUT(window.result().comparison.modelNames.size(), std::size_t(10), 30000);
        QVERIFY(!window.result().summary.row("single:claude-v1"));
        QCOMPARE(window.result().explorer.routers.front().share.cols(), Eigen::Index(10));

        // A refused edit changes nothing and says why.
        QSignalSpy refused(model, &ScenarioModel::editRefused);
        QVERIFY(!model->setData(model->index(gpt4, ScenarioModel::Factor), "-3", Qt::EditRole));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(model->scenario().factors.at(gpt4_), 0.1);

        // Overlaid on, then beside, the training prices.
        auto* display = panel->findChildren<QComboBox*>().last();
        display->setCurrentIndex(int(ScenarioPanel::Display::Overlaid));
        QTRY_VERIFY(window.frontierPlot()->hasBaseline());
        test::grab(window, "overlaid");
        display->setCurrentIndex(int(ScenarioPanel::Display::SideBySide));
        auto* workbench = window.findChild<ScenarioWorkbench*>();
        QTRY_VERIFY(workbench->baselineFrontier()->isVisible());
        QVERIFY(!window.frontierPlot()->hasBaseline());
        test::grab(window, "side_by_side");

        // Back to the training prices.
        panel->chooseSaved({});
        QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline == nullptr, 30000);
        QCOMPARE(window.result().comparison.modelNames.size(), std::size_t(11));
        QVERIFY(window.frontierPlot()->titleNote().isEmpty());
        QVERIFY(window.callsPlot()->titleNote().isEmpty());
        QVERIFY(!workbench->baselineFrontier()->isVisible());
    }

    // A scenario the project refuses to delete is reported, and stays listed.
    void aScenarioThatCannotBeDeletedSaysWhy()
    {
        const QString project = dir_.filePath("refuses.routescope");
        QVERIFY(QFile::copy(project_, project));
        MainWindow window;
        QVERIFY(openAndShow(window, project));
        auto* panel = window.findChild<ScenarioPanel*>();
        Scenario kept;
        kept.name = "kept";
        kept.factors[gpt4_] = 2;
        emit panel->saveRequested(kept, false);
        {
            sqlite::Database db(project.toStdString(), sqlite::Database::Mode::ReadWrite);
            db.exec("CREATE TRIGGER refuse BEFORE DELETE ON scenarios BEGIN SELECT RAISE(ABORT, 'the disk said no'); END");
        }
        QString message;
        test::answerNextBox("OK", &message);
        emit panel->deleteRequested("kept");
        QVERIFY2(message.contains("the disk said no"), qPrintable(message));
        ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
        QVERIFY(loadScenario(store, "base", "kept"));
    }

    void scenariosAreSavedWithTheirExperiment()
    {
        Scenario cheap;
        cheap.name = "cheap gpt-4";
        cheap.factors[gpt4_] = 0.1;
        {
            MainWindow window;
            QVERIFY(openAndShow(window, project_));
            auto* panel = window.findChild<ScenarioPanel*>();
            emit panel->saveRequested(cheap, false);
            QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline != nullptr, 30000);
            QCOMPARE(window.result().scenario.name, cheap.name);
        }
        ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
        QVERIFY(*loadScenario(store, "base", "cheap gpt-4") == cheap);

        // Reopened, the saved scenario is listed and applies as it was saved.
        MainWindow window;
        QVERIFY(openAndShow(window, project_));
        auto* panel = window.findChild<ScenarioPanel*>();
        panel->chooseSaved("cheap gpt-4");
        QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline != nullptr, 30000);
        QVERIFY(window.result().scenario == cheap);
        QVERIFY(window.frontierPlot()->titleNote().contains("cheap gpt-4"));

        // Exported, the report names the scenario; the figures carry it in their title.
        const QString out = dir_.filePath("report");
        QCOMPARE(window.exportReport(out), QString());
        QFile summary(out + "/summary.md");
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(summary.readAll()).contains("- Scenario: cheap gpt-4: gpt-4-1106-preview x0.1"));
        QFile svg(out + "/frontier.svg");
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(svg.readAll()).contains("cheap gpt-4"));
    }

    void retrainingTrainsANewExperimentUnderTheScenario()
    {
        MainWindow window;
        QVERIFY(openAndShow(window, project_));
        auto* panel = window.findChild<ScenarioPanel*>();
        Scenario scenario;
        scenario.name = "no claude";
        scenario.dropped = {"claude-v1", "claude-v2"};
        scenario.factors[gpt4_] = 0.5;
        // Shown under the scenario first: the plots name it.
        panel->chooseSaved({});
        QVERIFY(panel->model()->setData(panel->model()->index(rowOf(*panel->model(), gpt4_), ScenarioModel::Factor), "0.5",
                                        Qt::EditRole));
        QTRY_VERIFY_WITH_TIMEOUT(window.result().baseline != nullptr, 30000);
        QVERIFY(!window.frontierPlot()->titleNote().isEmpty());
        // The partial results of the new experiment are no scenario's: no plot names one.
        QStringList partialNotes;
        connect(&window, &MainWindow::resultShown, &window, [&](bool complete) {
            if (!complete)
                partialNotes << window.frontierPlot()->titleNote() + window.sharePlot()->titleNote() +
                                    window.callsPlot()->titleNote();
        });
        // The form asks for another split: the retraining keeps the experiment's own.
        auto* split = window.trainingPanel()->findChild<QComboBox*>("split");
        split->setCurrentIndex(split->findData("in:0.2"));
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        emit panel->retrainRequested(scenario);
        QVERIFY(finished.wait(300000));
        QTRY_VERIFY(window.result().complete);
        QVERIFY2(window.result().label.contains("retrained under no claude"), qPrintable(window.result().label));
        QVERIFY(!partialNotes.isEmpty());
        QCOMPARE(partialNotes.join(""), QString());
        const auto retrained = window.savedExperiment(window.result().label);
        QVERIFY(retrained);
        QCOMPARE(retrained->trainFraction, 0.7);
        QCOMPARE(window.result().comparison.modelNames.size(), std::size_t(9));
        QCOMPARE(window.result().comparison.routerNames, (std::vector<std::string>{"knn", "ridge", "cascade"}));
        // Trained on a copy of the dataset at the scenario's prices: the panel lists its models.
        QTRY_COMPARE(panel->model()->rowCount(), 9);
        ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
        bool copied = false;
        for (const auto& d : store.datasets())
            copied = copied || (d.format == "scenario" && d.models.size() == 9);
        QVERIFY(copied);
    }
};

QTEST_MAIN(TestScenarioWorkbench)
#include "test_scenario_workbench.moc"
