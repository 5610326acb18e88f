// The workbench as a user drives it, offscreen: training in the background fills the plots,
// the budget slider moves the share plot and the live panel, exports write real figures,
// training can be cancelled, and results come back from the project without retraining. One
// experiment is trained in initTestCase, so each test function also runs alone.

#include "main_window.h"
#include "gui_support.h"
#include "test_support.h"

#include "experiment_card.h"
#include "experiment_list.h"
#include "project_actions.h"
#include "evaluation/budget_policy.h"

#include "budget_slider.h"
#include "frontier_plot.h"
#include "experiment/experiment_store.h"
#include "import/importer.h"
#include "live_budget_panel.h"
#include "metrics_table.h"
#include "query_inspector.h"
#include "result_views.h"
#include "selection_share_plot.h"
#include "test_query_model.h"
#include "training_panel.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>


#include <cmath>

using namespace routescope;

class TestWorkbench : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString project_;

    // A fresh project holding one small synthetic dataset.
    QString makeProject(const QString& name)
    {
        const QString path = dir_.filePath(name);
        const std::string csv = dir_.filePath("synthetic.csv").toStdString();
        if (!QFile::exists(QString::fromStdString(csv)))
            test::writeSyntheticCsv(csv, 9, 400);
        ProjectStore store(path.toStdString());
        importDataset(store, csv, {});
        return path;
    }

    static QByteArray head(const QString& path, int bytes)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.read(bytes) : QByteArray();
    }

private slots:
    // The experiment the tests that reopen a project show: knn and ridge, seed 0.
    void initTestCase()
    {
        test::isolateSettings();
        project_ = makeProject("workbench.routescope");
        MainWindow window;
        QVERIFY(test::openAndWait(window, project_));
        window.trainingPanel()->setRouters({"knn", "ridge"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        QVERIFY(finished.wait(120000));
        QVERIFY(window.result().complete);
    }

    void trainingFillsEveryView()
    {
        const QString project = makeProject("fill.routescope");
        MainWindow window;
        window.show();
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"knn", "ridge"});
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        QSignalSpy intervals(&window, &MainWindow::intervalsShown);
        // The bootstrap's progress bar in the status bar.
        QProgressBar* bootstrap = nullptr;
        for (auto* bar : window.findChildren<QProgressBar*>())
            if (bar->toolTip().contains("bootstrap"))
                bootstrap = bar;
        QVERIFY(bootstrap);
        QSignalSpy bootstrapProgress(bootstrap, &QProgressBar::valueChanged);
        // The item models stay consistent through every reset and update training brings.
        using Tester = QAbstractItemModelTester;
        Tester metricsModel(window.metricsTable()->tableModel(), Tester::FailureReportingMode::QtTest);
        Tester queryModel(window.queryInspector()->queryModel(), Tester::FailureReportingMode::QtTest);

        // The event loop keeps running while routers train on the pool.
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] { ticks += window.trainingRunning(); });
        timer.start(5);
        window.startTraining();
        QVERIFY(window.trainingRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY(ticks > 0);
        QVERIFY(!shown.isEmpty());
        QCOMPARE(shown.last().at(0).toBool(), true);

        const auto& result = window.result();
        QVERIFY(!result.label.isEmpty());
        // Training loaded the outcomes without the prompts' text; the views show the project's prompts.
        {
            ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
            const OutcomeMatrix stored = store.loadOutcomes(store.datasets().front().id);
            const auto& shown = result.testData->queries;
            QCOMPARE(shown.size(), stored.queries.size());
            for (const Eigen::Index row : result.runs->front().testRows)
                QCOMPARE(shown[std::size_t(row)].text, stored.queries[std::size_t(row)].text);
            QVERIFY(!shown.front().text.empty());
        }
        QCOMPARE(result.comparison.routerNames, (std::vector<std::string>{"knn", "ridge"}));
        // knn, ridge, then the baselines: zero, every single model, the oracle.
        const int models = int(result.comparison.modelNames.size());
        QCOMPARE(window.metricsTable()->tableModel()->rowCount(), 2 + 1 + models + 1);
        QCOMPARE(window.livePanel()->rowCount(), 3);
        // The tabs under the plots keep their height beside the plots, in the window users see.
        QVERIFY2(window.livePanel()->height() > 100, qPrintable(QString::number(window.livePanel()->height())));
        QVERIFY(window.metricsTable()->toCsv().startsWith("Router,Kind,AUC,AUC std,AUC lo,AUC hi,AIQ"));
        // Point estimates first, then the intervals from the bootstrap in the background, with progress.
        QVERIFY(result.summary.hasIntervals());
        QCOMPARE(intervals.size(), 1);
        QVERIFY(bootstrapProgress.size() > 0);
        QVERIFY(!bootstrap->isVisible());

        // Saved in the project: one experiment with both routers.
        ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
        const auto saved = listExperiments(store);
        QCOMPARE(saved.size(), std::size_t(1));
        QCOMPARE(saved[0].routerNames, (std::vector<std::string>{"knn", "ridge"}));
    }

    // While a new experiment trains, the views show its partial results only, and say so; the
    // experiment on screen before is cleared, not left unlabelled.
    void trainingShowsOnlyTheNewRunsPartialResults()
    {
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, makeProject("partial.routescope")));
        window.trainingPanel()->setRouters({"ridge"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        QVERIFY(finished.wait(120000));
        const QString first = window.result().label;
        QVERIFY(window.experimentCard()->text().contains("On screen: " + first));

        // What the window showed with each partial result: its routers and the side panel's words.
        std::vector<std::pair<std::size_t, QString>> partial;
        connect(&window, &MainWindow::resultShown, &window, [&](bool complete) {
            if (!complete)
                partial.emplace_back(window.result().comparison.routerNames.size(), window.experimentCard()->text());
        });
        window.trainingPanel()->setRouters({"ridge", "knn"});
        window.startTraining();
        QVERIFY(!window.result().runs); // the old experiment is off the screen
        QVERIFY(window.result().label.isEmpty());
        QVERIFY2(window.experimentCard()->text().contains("training now"), qPrintable(window.experimentCard()->text()));
        // The user edits the form while it trains, even into settings that do not parse: the card
        // still describes what trains, and the split they chose outlives the new experiment's arrival.
        auto* split = window.trainingPanel()->findChild<QComboBox*>("split");
        split->setCurrentIndex(split->findData("in:0.2"));
        window.trainingPanel()->findChild<QLineEdit*>("seeds")->setText("one, two");
        window.trainingPanel()->setRouters({"ridge", "knn", "mlp"});
        QVERIFY(finished.wait(120000));
        QVERIFY(!partial.empty());
        QCOMPARE(partial.front().first, std::size_t(1));
        QVERIFY2(partial.front().second.contains("partial: 1 of 2 routers"), qPrintable(partial.front().second));
        QVERIFY2(partial.front().second.contains("Split: in-domain 70 / 30"), qPrintable(partial.front().second));
        QCOMPARE(split->currentData().toString(), QStringLiteral("in:0.2"));
        QVERIFY(window.result().complete);
        QVERIFY(window.result().label != first);
        QVERIFY(window.experimentCard()->text().contains("On screen: " + window.result().label));
        QStringList routers;
        for (const auto& name : window.result().comparison.routerNames)
            routers << QString::fromStdString(name);
        QCOMPARE(routers.size(), 2);
        QVERIFY(window.experimentCard()->text().contains("Routers: " + routers.join(", ")));
    }

    void trainingAgainTakesTheFeaturesFromTheProject()
    {
        const QString project = makeProject("cache.routescope");
        const auto featurizers = [&project] {
            ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
            auto rows = store.database().prepare("SELECT id, created_at FROM featurizers ORDER BY id");
            std::vector<std::pair<std::int64_t, std::string>> out;
            while (rows.step())
                out.emplace_back(rows.int64(0), rows.text(1));
            return out;
        };
        MainWindow window;
        window.show();
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"ridge"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        QVERIFY(finished.wait(120000));
        QCOMPARE(featurizers().size(), std::size_t(1));
        // Marked, so a refit (a new row, perhaps with the same id) would show.
        sqlite::Database(project.toStdString(), sqlite::Database::Mode::ReadWrite)
            .exec("UPDATE featurizers SET created_at = 'first training'");
        const auto first = featurizers();

        // The same split and settings again: the fitted featurizer kept in the project is used,
        // not fitted and stored anew, and the results are the same.
        window.startTraining();
        QVERIFY(finished.wait(120000));
        QCOMPARE(featurizers(), first);
        ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
        QCOMPARE(listExperiments(store).size(), std::size_t(2));
        auto predictions = store.database().prepare("SELECT COUNT(DISTINCT predicted_quality) FROM routers");
        QVERIFY(predictions.step());
        QCOMPARE(predictions.int64(0), 1);

        // File > Clear Cached Features asks first; No keeps the cache, Yes drops it in the background.
        QString question;
        QSignalSpy cleared(&window, &MainWindow::featureCacheCleared);
        test::answerNextBox("No", &question);
        window.projectActions()->clearFeatureCache();
        QVERIFY2(question.contains("1 cached feature fit"), qPrintable(question));
        QCOMPARE(featurizers().size(), std::size_t(1));
        QVERIFY(cleared.isEmpty());
        test::answerNextBox("Yes");
        window.projectActions()->clearFeatureCache();
        QVERIFY(cleared.wait(60000));
        QCOMPARE(cleared.first().at(0).toBool(), true);
        QVERIFY(featurizers().empty());
        QCOMPARE(listExperiments(store).size(), std::size_t(2)); // results stay
    }

    void sideBySideSharePlotIsDrawnWhenShown()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(test::openAndWait(window, makeProject("side.routescope")));
        window.trainingPanel()->setRouters({"ridge", "knn"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        QSignalSpy intervals(&window, &MainWindow::intervalsShown);
        window.startTraining();
        QVERIFY(finished.wait(120000));
        // With the intervals come the metrics tab's note, one long line once (it forced 1483 px).
        QTRY_VERIFY_WITH_TIMEOUT(!intervals.isEmpty(), 60000);
        const auto plots = window.findChildren<SelectionSharePlot*>();
        QCOMPARE(plots.size(), 2);
        SelectionSharePlot* second = plots[0] == window.sharePlot() ? plots[1] : plots[0];
        QVERIFY(!second->isVisible());
        QCheckBox* sideBySide = nullptr;
        for (auto* box : window.findChildren<QCheckBox*>())
            if (box->text().contains("side by side"))
                sideBySide = box;
        QVERIFY(sideBySide);
        sideBySide->setChecked(true);
        QTRY_VERIFY(second->isVisible());
        QTRY_VERIFY(second->width() > 100);
        // Drawn, not an empty buffer: the stacked areas give many colours.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QImage image = second->grab().toImage();
                QSet<QRgb> colours;
                for (int y = 0; y < image.height(); y += 4)
                    for (int x = 0; x < image.width(); x += 4)
                        colours.insert(image.pixel(x, y));
                return colours.size() > 20;
            }(),
            5000);
        // Side by side still fits a 1280-pixel screen (it forced 1539 once), legends, tabs and all.
        // No tab under the plots asks for more than half of such a screen (the metrics note once asked 1107 px).
        QTabWidget* tabs = window.views()->tabs();
        for (int i = 0; i < tabs->count(); ++i)
            QVERIFY2(tabs->widget(i)->minimumSizeHint().width() <= 640,
                     qPrintable(tabs->tabText(i) + ": " + QString::number(tabs->widget(i)->minimumSizeHint().width())));
        QVERIFY2(window.minimumSizeHint().width() <= 1280, qPrintable(QString::number(window.minimumSizeHint().width())));
        window.resize(1280, 800);
        QTRY_COMPARE(window.width(), 1280);
        for (auto* plot : plots)
            QTRY_VERIFY(QRect(QPoint(0, 0), plot->size()).contains(plot->legend->outerRect()));
    }

    void sliderMovesShareAndLivePanel()
    {
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, project_)); // shows the saved experiment, no retraining
        QVERIFY(shown.wait(60000));
        QCOMPARE(window.result().comparison.routerNames, (std::vector<std::string>{"knn", "ridge"}));
        {
            ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
            QCOMPARE(listExperiments(store).size(), std::size_t(1));
        }

        const auto& explorer = window.result().explorer;
        const QString expensive = QString::fromStdString(
            window.result().comparison.modelNames[std::size_t(explorer.mostExpensiveModel)]);
        auto* slider = window.budgetSlider();
        auto* share = window.sharePlot();
        QVERIFY(!share->router().isEmpty());

        slider->setIndex(int(explorer.budgets.size()) - 1);
        const double shareHigh = share->shareAtCursor(expensive);
        const QString qualityHigh = window.livePanel()->item(1, 1)->text();
        const QString valueHigh = slider->valueText();
        slider->setIndex(0);
        const double shareLow = share->shareAtCursor(expensive);
        const QString qualityLow = window.livePanel()->item(1, 1)->text();

        // The cheapest budget sends (almost) nothing to the most expensive model; the largest sends more.
        QVERIFY2(shareHigh > shareLow, qPrintable(QString("%1 vs %2").arg(shareHigh).arg(shareLow)));
        QVERIFY(qualityHigh != qualityLow);
        QVERIFY(slider->valueText() != valueHigh);
        QVERIFY(valueHigh.contains("$"));
    }

    // A slider move in the window redraws only what moves: no whole replot of the frontier or the
    // share plot, and the frontier keeps the user's zoom.
    void sliderMoveRedrawsOnlyTheBudgetMarks()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QSignalSpy intervals(&window, &MainWindow::intervalsShown);
        QVERIFY(test::openAndWait(window, project_));
        QVERIFY(shown.wait(60000));
        // The bootstrap's band and intervals arrive in the background: a whole replot of their own.
        QVERIFY(!intervals.isEmpty() || intervals.wait(60000));
        FrontierPlot* frontier = window.frontierPlot();
        SelectionSharePlot* share = window.sharePlot();
        QTRY_VERIFY(frontier->isVisible() && share->isVisible());
        frontier->xAxis->scaleRange(0.5);
        frontier->replot();
        const QCPRange zoomed = frontier->xAxis->range();
        const auto& explorer = window.result().explorer;
        const auto moved = test::moveSlider(*frontier, [&] {
            const auto shareMove = test::moveSlider(*share, [&] { window.budgetSlider()->setIndex(int(explorer.budgets.size()) / 2); });
            QCOMPARE(shareMove.wholeReplots, 0);
        });
        QCOMPARE(moved.wholeReplots, 0);
        QCOMPARE(frontier->xAxis->range(), zoomed);
    }

    void queryInspectorRanksTestQueriesAndNewPrompts()
    {
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, project_));
        QVERIFY(shown.wait(60000));
        auto* inspector = window.queryInspector();
        const auto& run = window.result().runs->front();
        QCOMPARE(inspector->visibleQueries(), int(run.testRows.size()));
        const QString task = QString::fromStdString(window.result().testData->queries[std::size_t(run.testRows[0])].task);
        inspector->setFilter(task);
        QVERIFY(inspector->visibleQueries() > 0);
        QVERIFY(inspector->visibleQueries() < int(run.testRows.size()));
        inspector->setFilter({});

        inspector->selectQuery(0);
        auto* ranking = inspector->rankingTable();
        const int models = int(run.trueScores.cols());
        QCOMPARE(ranking->columnCount(), 3); // the oracle, knn, ridge
        QCOMPARE(ranking->horizontalHeaderItem(1)->text(), QStringLiteral("knn"));
        QCOMPARE(ranking->rowCount(), 1 + models); // the choice, then every model ranked
        QSet<QString> ranked;
        for (int row = 1; row <= models; ++row)
            ranked << ranking->item(row, 1)->data(Qt::UserRole).toString();
        QCOMPARE(ranked.size(), models);

        // The choice row shows each router's decision at the slider's budget, at either end of it.
        const auto& names = window.result().comparison.modelNames;
        for (const int index : {0, int(window.result().explorer.budgets.size()) - 1}) {
            window.budgetSlider()->setIndex(index);
            const double budget = window.result().explorer.budgets[std::size_t(index)];
            for (int k = 0; k < 2; ++k) {
                const Eigen::Index choice = chooseModels(window.result().comparison.policy, run.routers[std::size_t(k)].predictedQuality.row(0),
                                                         run.predictedCost.row(0), budget)(0);
                QCOMPARE(ranking->item(0, 1 + k)->text(), QString::fromStdString(names[std::size_t(choice)]).section('/', -1));
            }
        }

        // A typed prompt is ranked in the background, then shown; the reopened experiment's models
        // are read from the project for it, not before.
        QVERIFY(!run.pipeline.loaded() && !run.routers[0].router.loaded());
        QSignalSpy promptRanked(inspector, &QueryInspector::promptRanked);
        QVERIFY(inspector->rankPrompt("Translate into French: the cat sleeps on the warm roof."));
        QVERIFY(promptRanked.wait(30000));
        QCOMPARE(promptRanked.first().at(0).toBool(), true);
        QVERIFY(run.pipeline.loaded() && run.routers[0].router.loaded());
        QCOMPARE(ranking->columnCount(), 2);
        QCOMPARE(ranking->horizontalHeaderItem(0)->text(), QStringLiteral("knn"));
        QVERIFY(!ranking->item(0, 1)->text().isEmpty());
    }

    void switchingPolicyReevaluatesWithoutRetraining()
    {
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, project_));
        QVERIFY(shown.wait(60000));
        QComboBox* policy = nullptr;
        for (auto* box : window.trainingPanel()->findChildren<QComboBox*>())
            if (box->findText("Willingness to pay") >= 0)
                policy = box;
        QVERIFY(policy);
        // Re-evaluating a saved experiment reads nothing new from the project: the list stays as it is.
        QSignalSpy listResets(window.experimentList()->model(), &QAbstractItemModel::modelReset);
        policy->setCurrentIndex(policy->findText("Willingness to pay"));
        QVERIFY(shown.wait(60000));
        QVERIFY(window.result().comparison.policy == BudgetPolicy::WillingnessToPay);
        QCOMPARE(listResets.count(), 0);
        QVERIFY(window.experimentCard()->text().contains("On screen: " + window.result().label));
        QVERIFY(window.budgetSlider()->valueText().startsWith("lambda"));
        ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
        QCOMPARE(listExperiments(store).size(), std::size_t(1)); // nothing retrained or saved
    }

    void reportExportsValidFigures()
    {
        MainWindow window;
        window.resize(1200, 800);
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, project_));
        QVERIFY(shown.wait(60000));
        // A folder that does not exist yet is made.
        const QString out = dir_.filePath("reports/first");
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(window.exportReport(out), QString());
        for (const QString name : {"frontier", "share"}) {
            QCOMPARE(head(out + "/" + name + ".png", 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
            QCOMPARE(head(out + "/" + name + ".pdf", 5), QByteArray("%PDF-"));
            QVERIFY(head(out + "/" + name + ".svg", 400).contains("<svg"));
            QVERIFY(QFileInfo(out + "/" + name + ".png").size() > 10000);
        }
        const QByteArray csv = head(out + "/metrics.csv", 16384);
        QVERIFY(csv.startsWith("Router,"));
        QCOMPARE(csv.count('\n'), 1 + 2 + 1 + int(window.result().comparison.modelNames.size()) + 1);
        QVERIFY(head(out + "/metrics.tex", 4096).contains("\\toprule"));
        const QByteArray summary = head(out + "/summary.md", 4096);
        QVERIFY(summary.contains("Budget policy: threshold"));
        QVERIFY(summary.contains("synthetic"));
        QVERIFY(summary.contains("best single model: "));
        QVERIFY(summary.contains("-- baselines --"));
        // The experiment on screen, not the form: its label and its split.
        QVERIFY(summary.contains("Experiment: " + window.result().label.toUtf8()));
        QVERIFY(summary.contains("Split: in-domain 70 / 30"));
    }

    // One experiment, made by the CLI and saved in the project: its table, its JSON and the
    // workbench's metrics table show the same numbers, intervals and tests.
    void cliJsonAndWorkbenchShowTheSameNumbers()
    {
        const QString project = makeProject("same.routescope");
        std::string dataset;
        {
            ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
            dataset = store.datasets().front().name;
        }
        const QString jsonPath = dir_.filePath("same.json");
        QProcess cli;
        cli.start(QStringLiteral(ROUTESCOPE_CLI),
                  {"compare", "--db", project, "--dataset", QString::fromStdString(dataset), "--routers", "knn,ridge",
                   "--seeds", "0,1", "--json", jsonPath, "--label", "same"});
        QVERIFY(cli.waitForFinished(300000));
        QCOMPARE(cli.exitCode(), 0);
        const QStringList table = QString::fromUtf8(cli.readAllStandardOutput()).split('\n');
        QFile file(jsonPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();

        MainWindow window;
        QSignalSpy intervals(&window, &MainWindow::intervalsShown);
        QVERIFY(test::openAndWait(window, project)); // shows the saved experiment
        QVERIFY(intervals.wait(120000));
        QCOMPARE(window.result().label, QStringLiteral("same"));
        const QStandardItemModel* gui = window.metricsTable()->tableModel();

        // A line of the CLI's tables: the row's name, then the cells.
        const auto cliLineHas = [&table](const QString& name, const QString& cell) {
            for (const QString& line : table)
                if (line.startsWith(name + " ") && line.contains(cell))
                    return true;
            return false;
        };
        // A number as the tables show it: the JSON's value rounded to the table's decimals (the
        // JSON's 10 significant digits may fall on either side of a rounding half-way point).
        const auto shows = [](const QString& text, double value, int decimals) {
            return std::abs(text.toDouble() - value) <= 0.5 * std::pow(10.0, -decimals) + 1e-9;
        };
        const QJsonArray rows = doc["routers"].toArray();
        QCOMPARE(gui->rowCount(), rows.size());
        for (int r = 0; r < rows.size(); ++r) {
            const QJsonObject row = rows[r].toObject();
            const QString name = row["name"].toString();
            QCOMPARE(gui->item(r, 0)->text(), name);
            for (const auto& [column, key, decimals] :
                 {std::tuple{1, "auc", 4}, std::tuple{3, "peak", 4}, std::tuple{7, "rci", 3}}) {
                const QStringList cell = gui->item(r, column)->text().split('\n');
                QCOMPARE(cell.size(), 2); // mean ± std, and the interval beneath
                QVERIFY2(shows(cell[0].section(QChar(0xB1), 0, 0), row[key].toDouble(), decimals), qPrintable(name + " " + key));
                const QJsonArray ci = row["ci95"].toObject()[key].toArray();
                const QStringList bounds = cell[1].mid(1, cell[1].size() - 2).split(", ");
                QCOMPARE(bounds.size(), 2);
                QVERIFY2(shows(bounds[0], ci[0].toDouble(), decimals) && shows(bounds[1], ci[1].toDouble(), decimals),
                         qPrintable(name + " " + key + " " + cell[1]));
                QVERIFY2(cliLineHas(name, cell[0]), qPrintable(name + " " + cell[0]));
                QVERIFY2(cliLineHas(name, cell[1]), qPrintable(name + " " + cell[1]));
            }
        }
        const QString reference = doc["reference"].toString();
        QVERIFY(gui->horizontalHeaderItem(12)->text().endsWith(reference));
        for (const auto& v : doc["versus"].toArray()) {
            const QJsonObject o = v.toObject();
            const QString router = o["router"].toString();
            const auto found = gui->findItems(router);
            QCOMPARE(found.size(), 1);
            const QStringList cell = gui->item(found[0]->row(), 12)->text().split('\n');
            QVERIFY(shows(cell[0].section(' ', 0, 0), o["auc_diff"].toDouble(), 4));
            QVERIFY(shows(cell[1].section(' ', 1, 1).remove(','), o["auc_p"].toDouble(), o["auc_p"].toDouble() < 0.01 ? 3 : 2));
            QVERIFY2(cliLineHas(router, cell[0] + ", " + cell[1]), qPrintable(cell.join(" ")));
        }
        QCOMPARE(gui->item(gui->findItems(reference)[0]->row(), 12)->text(), QStringLiteral("reference"));

        // The frontier shades the selected router's band on request; the table exports LaTeX beside the CSV.
        window.metricsTable()->setCurrentIndex(window.metricsTable()->model()->index(0, 0));
        emit window.metricsTable()->routerActivated(gui->item(0, 0)->text());
        QVERIFY(window.frontierPlot()->bandRouter().isEmpty());
        window.bandAction()->setChecked(true);
        QCOMPARE(window.frontierPlot()->bandRouter(), gui->item(0, 0)->text());
        window.bandAction()->setChecked(false);
        QVERIFY(window.frontierPlot()->bandRouter().isEmpty());
        QCOMPARE(window.exportMetrics(dir_.filePath("same.csv")), QString());
        QVERIFY(head(dir_.filePath("same.tex"), 200).contains("booktabs"));
    }

    void oneRouterCanBeSkipped()
    {
        const QString project = makeProject("skip.routescope");
        MainWindow window;
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"mlp", "ridge"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        // The Skip button beside MLP's progress bar.
        QPushButton* skipMlp = nullptr;
        for (auto* bar : window.trainingPanel()->findChildren<QProgressBar*>())
            if (bar->format().startsWith("mlp"))
                skipMlp = bar->parentWidget()->findChild<QPushButton*>();
        QVERIFY(skipMlp);
        skipMlp->click();
        QVERIFY(!skipMlp->isEnabled());
        QVERIFY(finished.wait(120000));
        QStringList names;
        for (const auto& n : window.result().comparison.routerNames)
            names << QString::fromStdString(n);
        QCOMPARE(names, QStringList{"ridge"});
        ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
        const auto saved = listExperiments(store);
        QCOMPARE(saved.size(), std::size_t(1));
        QCOMPARE(saved[0].routerNames, std::vector<std::string>{"ridge"});
    }

    void trainingCanBeCancelled()
    {
        const QString project = makeProject("cancel.routescope");
        MainWindow window;
        QVERIFY(test::openAndWait(window, project));
        window.trainingPanel()->setRouters({"equirouter", "mlp"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        QVERIFY(window.trainingRunning());
        window.cancelTraining();
        QVERIFY(finished.wait(60000));
        QVERIFY(!window.trainingRunning());
        ProjectStore store(project.toStdString(), ProjectStore::Access::ReadOnly);
        QVERIFY(listExperiments(store).empty()); // nothing half-saved
    }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
