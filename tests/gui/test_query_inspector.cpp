// The query inspector's ranking: a column per router holding its choice at the budget and every
// model best first, values labelled as what they are (EquiRouter's ranking scores, here 3.8, are
// not probabilities), and the whole ranking visible beside the queries in a 1280-pixel window.

#include "gui_support.h"
#include "test_support.h"

#include "query_inspector.h"
#include "routers/router_factory.h"
#include "test_query_model.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>

using namespace routescope;

class TestQueryInspector : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    // The test queries as an item model that reads the run in place: checked by Qt's model
    // tester through a reset, its cells are the run's numbers, and the score columns sort as numbers.
    void queryModelReadsTheRunInPlace()
    {
        const auto models = test::routerBenchModels();
        auto data = std::make_shared<OutcomeMatrix>();
        for (const auto& m : models)
            data->models.push_back({m, std::nullopt, std::nullopt});
        auto runs = std::make_shared<std::vector<ExperimentRun>>();
        runs->push_back(test::noisyRun({"knn"}, int(models.size()), 30, 3));
        ExperimentRun& run = runs->front();
        for (int n = 0; n < 60; ++n)
            data->queries.push_back({"q" + std::to_string(n), "query text " + std::to_string(n), n % 2 ? "odd" : "even"});
        for (int n = 0; n < 30; ++n)
            run.testRows.push_back(2 * n + 1); // every odd query

        QueryInspector inspector;
        TestQueryModel* model = inspector.queryModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        inspector.setRun(data, runs, 0, BudgetPolicy::CostThreshold);
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->columnCount(), 3 + int(models.size()));
        QCOMPARE(model->index(4, TestQueryModel::Id).data().toString(), QStringLiteral("q9"));
        QCOMPARE(model->index(4, TestQueryModel::Task).data().toString(), QStringLiteral("odd"));
        QCOMPARE(model->index(4, TestQueryModel::FirstModel + 2).data(Qt::UserRole).toDouble(), run.trueScores(4, 2));
        QVERIFY(model->index(4, TestQueryModel::FirstModel + 2).data().toString().contains(" · $"));
        QCOMPARE(model->headerData(TestQueryModel::FirstModel, Qt::Horizontal).toString(),
                 QString::fromStdString(models[0]).section('/', -1));

        // Sorted by a model's score: the scores never fall down the column.
        auto* view = inspector.findChild<QTableView*>();
        QVERIFY(view);
        view->sortByColumn(TestQueryModel::FirstModel, Qt::AscendingOrder);
        double previous = -INFINITY;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const double score = view->model()->index(row, TestQueryModel::FirstModel).data(Qt::UserRole).toDouble();
            QVERIFY(score >= previous);
            previous = score;
        }
        inspector.setFilter("q1");
        QCOMPARE(inspector.visibleQueries(), 6); // q1, q11, q13, q15, q17 and q19
        inspector.clearRun();
        QCOMPARE(model->rowCount(), 0);
    }

    void rankingShowsScoresAsScores()
    {
        const auto models = test::routerBenchModels();
        auto data = std::make_shared<OutcomeMatrix>();
        for (const auto& m : models)
            data->models.push_back({m, std::nullopt, std::nullopt});
        auto runs = std::make_shared<std::vector<ExperimentRun>>();
        runs->push_back(test::noisyRun({"knn", "equirouter"}, int(models.size()), 40, 7));
        ExperimentRun& run = runs->front();
        for (int n = 0; n < 40; ++n) {
            data->queries.push_back({"q" + std::to_string(n), "What is the capital of France?", "geography"});
            run.testRows.push_back(n);
        }
        data->scores = run.trueScores;
        data->costs = run.trueCosts;
        run.routers[0].router = std::unique_ptr<const Router>(makeRouter("knn"));
        run.routers[1].router = std::unique_ptr<const Router>(makeRouter("equirouter"));
        run.routers[1].predictedQuality *= 4.0; // scores above 1, as EquiRouter's are
        run.textFeatures = false;

        QueryInspector inspector;
        inspector.resize(1000, 330); // the Queries tab of a 1280x800 window
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        inspector.setRun(data, runs, 0, BudgetPolicy::CostThreshold);
        inspector.setBudget(1.0);
        inspector.selectQuery(3);
        QTableWidget* ranking = inspector.rankingTable();
        QCOMPARE(ranking->columnCount(), 3);
        QCOMPARE(ranking->horizontalHeaderItem(1)->text(), QStringLiteral("knn"));
        QCOMPARE(ranking->horizontalHeaderItem(2)->text(), QStringLiteral("equirouter (score)"));
        QVERIFY(ranking->horizontalHeaderItem(2)->toolTip().contains("not probabilities"));
        bool noteShown = false;
        for (auto* label : inspector.findChildren<QLabel*>())
            noteShown |= label->isVisible() && label->text().contains("ranking scores, only their order counts");
        QVERIFY(noteShown);
        // Best first: the values down a column never rise.
        double previous = INFINITY;
        for (int row = 1; row < ranking->rowCount(); ++row) {
            const double value = ranking->item(row, 2)->text().section("  ", -1).toDouble();
            QVERIFY(value <= previous);
            previous = value;
        }
        QVERIFY2(ranking->item(1, 2)->text().section("  ", -1).toDouble() > 1.0, "the scores are shown as they are");

        // Every router's whole column fits beside the queries: no horizontal scrolling.
        QApplication::processEvents();
        QCOMPARE(ranking->horizontalScrollBar()->maximum(), 0);
    }
};

QTEST_MAIN(TestQueryInspector)
#include "test_query_inspector.moc"
