// The calls-per-query figure and the live panel's calls column: drawn for the routers that call
// more than one model per query (cascades) and only then, following the slider.

#include "gui_support.h"
#include "calls_plot.h"
#include "live_budget_panel.h"
#include "model_palette.h"
#include "training_panel.h"

#include <QListWidget>
#include <QSet>
#include <QTest>

using namespace routescope;

namespace {

// The oracle, a one-call router and a cascade, at three shared budgets.
BudgetExplorer explorer(bool withCascade)
{
    BudgetExplorer e;
    e.budgets = {0.001, 0.01, 0.1};
    auto router = [](const std::string& name, std::vector<double> calls) {
        RouterAtBudgets r;
        r.name = name;
        r.points = {{0.001, 0.001, 0.5}, {0.01, 0.005, 0.6}, {0.1, 0.01, 0.7}};
        r.rci = {0.1, 0.2, 0.3};
        r.share = Eigen::MatrixXd::Constant(3, 2, 0.5);
        r.calls = std::move(calls);
        return r;
    };
    e.routers = {router("oracle", {1, 1, 1}), router("knn", {1, 1, 1})};
    if (withCascade)
        e.routers.push_back(router("cascade", {1, 1.5, 2.25}));
    return e;
}

} // namespace

class TestCallsPlot : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    void drawsCascadesOnlyAndFollowsTheSlider()
    {
        const BudgetExplorer e = explorer(true);
        CallsPlot plot;
        plot.resize(600, 400);
        plot.setExplorer(e);
        QCOMPARE(plot.routers(), QStringList{"cascade"});
        QCOMPARE(plot.graphCount(), 1);
        QCOMPARE(plot.callsAtCursor("cascade"), 2.25); // the cursor starts at the largest budget
        plot.setBudget(e, 1);
        QCOMPARE(plot.callsAtCursor("cascade"), 1.5);
        QVERIFY(plot.yAxis->range().upper >= 2.25);

        plot.setExplorer(explorer(false));
        QVERIFY(plot.routers().isEmpty());
        QCOMPARE(plot.graphCount(), 0);
    }

    void cascadesOfOneKindDifferByTheirDashes()
    {
        BudgetExplorer e = explorer(true);
        for (const char* name : {"cascade:error=0.1", "cascade:error=0.2"}) {
            e.routers.push_back(e.routers.back());
            e.routers.back().name = name;
        }
        CallsPlot plot;
        plot.setExplorer(e);
        QCOMPARE(plot.graphCount(), 3);
        QSet<int> styles;
        for (int g = 0; g < plot.graphCount(); ++g) {
            QCOMPARE(plot.graph(g)->pen().color(), routerColor("cascade")); // the kind's colour
            styles.insert(int(plot.graph(g)->pen().style()));
        }
        QCOMPARE(styles.size(), 3); // told apart by the line, as on the frontier
    }

    void livePanelShowsCallsOnlyWithACascade()
    {
        LiveBudgetPanel panel;
        panel.setBudget(explorer(false), 1, "large");
        QVERIFY(panel.isColumnHidden(5));
        panel.setBudget(explorer(true), 1, "large");
        QVERIFY(!panel.isColumnHidden(5));
        QCOMPARE(panel.item(2, 5)->text(), QString("1.50"));
        QCOMPARE(panel.item(1, 5)->text(), QString("1.00"));
    }

    void routerListOffersRouterBenchsCascades()
    {
        TrainingPanel panel;
        auto* list = panel.findChild<QListWidget*>();
        QVERIFY(list);
        QStringList items;
        for (int i = 0; i < list->count(); ++i)
            items << list->item(i)->text();
        for (const char* kind : {"svm", "sw", "contrastive", "cascade", "cascade:error=0.1", "cascade:error=0.2"})
            QVERIFY2(items.contains(kind), qPrintable(kind));
        // Several specs of one kind tick several items; a spec the list lacks gets an item.
        panel.setRouters({"cascade:error=0.2", "cascade", "cascade:error=0.5", "knn:k=5"});
        QStringList ticked;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked)
                ticked << list->item(i)->text();
        ticked.sort();
        QCOMPARE(ticked, (QStringList{"cascade", "cascade:error=0.2", "cascade:error=0.5", "knn:k=5"}));
        QCOMPARE(panel.spec().routers.size(), std::size_t(4));
    }
};

QTEST_MAIN(TestCallsPlot)
#include "test_calls_plot.moc"
