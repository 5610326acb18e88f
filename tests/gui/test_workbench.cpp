// The workbench as a user drives it, offscreen: training in the background fills the plots,
// the budget slider moves the share plot and the live panel, exports write real figures,
// training can be cancelled, and results come back from the project without retraining.

#include "main_window.h"
#include "test_support.h"

#include "budget_slider.h"
#include "experiment/experiment_store.h"
#include "import/importer.h"
#include "live_budget_panel.h"
#include "metrics_table.h"
#include "query_inspector.h"
#include "selection_share_plot.h"
#include "training_panel.h"

#include <QElapsedTimer>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QMessageBox>
#include <QApplication>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>


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
    void initTestCase() { project_ = makeProject("workbench.routescope"); }

    void trainingFillsEveryView()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(project_));
        window.trainingPanel()->setRouters({"knn", "ridge"});
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QSignalSpy finished(&window, &MainWindow::trainingFinished);

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
        QCOMPARE(result.comparison.routerNames, (std::vector<std::string>{"knn", "ridge"}));
        QCOMPARE(window.metricsTable()->tableModel()->rowCount(), 3); // knn, ridge, oracle
        QCOMPARE(window.livePanel()->rowCount(), 3);
        QVERIFY(window.metricsTable()->toCsv().startsWith("Router,AUC,AIQ,Peak,QNC"));

        // Saved in the project: one experiment with both routers.
        ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
        const auto saved = listExperiments(store);
        QCOMPARE(saved.size(), std::size_t(1));
        QCOMPARE(saved[0].routerNames, (std::vector<std::string>{"knn", "ridge"}));
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
        QVERIFY(window.openProject(project));
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

        // File > Clear Cached Features asks first; No keeps the cache, Yes drops it.
        const auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                QVERIFY(box->text().contains("1 cached feature fit"));
                box->button(button)->click();
            });
        };
        answer(QMessageBox::No);
        window.clearFeatureCache();
        QCOMPARE(featurizers().size(), std::size_t(1));
        answer(QMessageBox::Yes);
        window.clearFeatureCache();
        QVERIFY(featurizers().empty());
        QCOMPARE(listExperiments(store).size(), std::size_t(2)); // results stay
    }

    void sideBySideSharePlotIsDrawnWhenShown()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.openProject(makeProject("side.routescope")));
        window.trainingPanel()->setRouters({"ridge", "knn"});
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.startTraining();
        QVERIFY(finished.wait(120000));
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
        // Side by side still fits a 1280-pixel screen (it forced 1539 once), legends and all.
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
        QVERIFY(window.openProject(project_)); // shows the saved experiment, no retraining
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

    void queryInspectorRanksTestQueriesAndNewPrompts()
    {
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(window.openProject(project_));
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

        // Below every predicted cost, a router takes the query's cheapest predicted model.
        window.budgetSlider()->setIndex(0);
        if (window.result().explorer.budgets.front() < run.predictedCost.row(0).minCoeff()) {
            Eigen::Index cheapest = 0;
            run.predictedCost.row(0).minCoeff(&cheapest);
            const QString expected = QString::fromStdString(window.result().comparison.modelNames[std::size_t(cheapest)]).section('/', -1);
            QCOMPARE(ranking->item(0, 2)->text(), expected);
        }

        QVERIFY(inspector->rankPrompt("Translate into French: the cat sleeps on the warm roof."));
        QCOMPARE(ranking->columnCount(), 2);
        QCOMPARE(ranking->horizontalHeaderItem(0)->text(), QStringLiteral("knn"));
        QVERIFY(!ranking->item(0, 1)->text().isEmpty());
    }

    void switchingPolicyReevaluatesWithoutRetraining()
    {
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(window.openProject(project_));
        QVERIFY(shown.wait(60000));
        QComboBox* policy = nullptr;
        for (auto* box : window.trainingPanel()->findChildren<QComboBox*>())
            if (box->findText("Willingness to pay") >= 0)
                policy = box;
        QVERIFY(policy);
        policy->setCurrentIndex(policy->findText("Willingness to pay"));
        QVERIFY(shown.wait(60000));
        QVERIFY(window.result().comparison.policy == BudgetPolicy::WillingnessToPay);
        QVERIFY(window.budgetSlider()->valueText().startsWith("lambda"));
        ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
        QCOMPARE(listExperiments(store).size(), std::size_t(1)); // nothing retrained or saved
    }

    void reportExportsValidFigures()
    {
        MainWindow window;
        window.resize(1200, 800);
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(window.openProject(project_));
        QVERIFY(shown.wait(60000));
        const QString out = dir_.filePath("report");
        QCOMPARE(window.exportReport(out), QString());
        for (const QString name : {"frontier", "share"}) {
            QCOMPARE(head(out + "/" + name + ".png", 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
            QCOMPARE(head(out + "/" + name + ".pdf", 5), QByteArray("%PDF-"));
            QVERIFY(head(out + "/" + name + ".svg", 400).contains("<svg"));
            QVERIFY(QFileInfo(out + "/" + name + ".png").size() > 10000);
        }
        const QByteArray csv = head(out + "/metrics.csv", 4096);
        QVERIFY(csv.startsWith("Router,"));
        QCOMPARE(csv.count('\n'), 4);
        const QByteArray summary = head(out + "/summary.md", 4096);
        QVERIFY(summary.contains("Budget policy: threshold"));
        QVERIFY(summary.contains("synthetic"));
    }

    void oneRouterCanBeSkipped()
    {
        const QString project = makeProject("skip.routescope");
        MainWindow window;
        QVERIFY(window.openProject(project));
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
        QVERIFY(window.openProject(project));
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
