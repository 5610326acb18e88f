// The query inspector's ranking: a column per router holding its choice at the budget and every
// model best first, values labelled as what they are (EquiRouter's ranking scores, here 3.8, are
// not probabilities), and the whole ranking visible beside the queries in a 1280-pixel window.

#include "test_support.h"

#include "query_inspector.h"
#include "routers/router_factory.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>

using namespace routescope;

class TestQueryInspector : public QObject {
    Q_OBJECT

private slots:
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
        run.routers[0].router = makeRouter("knn");
        run.routers[1].router = makeRouter("equirouter");
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
