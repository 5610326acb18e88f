// The selection-share plot under both budget policies: stacked areas whose budget axis runs the
// way spending grows (for willingness to pay: 1/lambda, ascending), a hover that names the model,
// the budget and the share under the pointer, and a zoom that double-click resets.

#include "gui_support.h"
#include "test_support.h"

#include "experiment/budget_explorer.h"
#include "model_palette.h"
#include "selection_share_plot.h"

#include <QTest>

using namespace routescope;

class TestSelectionSharePlot : public QObject {
    Q_OBJECT

    std::vector<std::string> models_ = test::routerBenchModels();
    ExperimentRun run_ = test::noisyRun({"knn"}, int(models_.size()), 500, 5);

    // Shows the plot on screen with knn's shares, drawn; false if it never got on screen.
    bool showKnn(SelectionSharePlot& plot, const BudgetExplorer& explorer)
    {
        plot.resize(700, 450);
        plot.show();
        if (!QTest::qWaitForWindowExposed(&plot))
            return false;
        plot.setRouter(explorer, "knn", test::qtNames(models_), modelPalette(models_, run_.trueCosts));
        plot.replot();
        return true;
    }

private slots:
    void initTestCase() { test::isolateSettings(); }

    void stacksAreasAlongGrowingSpending_data()
    {
        QTest::addColumn<int>("policy");
        QTest::newRow("threshold") << int(BudgetPolicy::CostThreshold);
        QTest::newRow("willingness to pay") << int(BudgetPolicy::WillingnessToPay);
    }

    void stacksAreasAlongGrowingSpending()
    {
        QFETCH(int, policy);
        const BudgetExplorer explorer = exploreBudgets(run_, BudgetPolicy(policy));
        SelectionSharePlot plot;
        plot.resize(700, 450);
        plot.setRouter(explorer, "knn", test::qtNames(models_), modelPalette(models_, run_.trueCosts));
        QVERIFY(!plot.xAxis->rangeReversed());
        QVERIFY(plot.xAxis->range().lower < plot.xAxis->range().upper);
        QCOMPARE(plot.graphCount(), int(models_.size()));
        for (int g = 0; g < plot.graphCount(); ++g) {
            QCPGraph* band = plot.graph(g);
            QVERIFY(band->brush().style() == Qt::SolidPattern);
            // Keys ascend, so QCustomPlot fills the area under each band (descending keys drew outlines).
            double previous = -INFINITY;
            for (auto it = band->data()->constBegin(); it != band->data()->constEnd(); ++it) {
                QVERIFY(it->key > previous);
                previous = it->key;
            }
            QCOMPARE(band->data()->size(), int(explorer.budgets.size()));
            // Each band's top edge is the running total of the shares: the last one reaches 1.
            if (g == plot.graphCount() - 1)
                QVERIFY(std::abs((band->data()->constEnd() - 1)->value - 1.0) < 1e-9);
        }
        // The right end spends the most: there the stack holds the most of the dearest model.
        const auto& knn = explorer.routers[1];
        const auto dearest = Eigen::Index(explorer.mostExpensiveModel);
        QVERIFY(knn.share(Eigen::Index(explorer.budgets.size()) - 1, dearest) >= knn.share(0, dearest));
    }

    void hoverNamesModelBudgetAndShare()
    {
        const BudgetExplorer explorer = exploreBudgets(run_, BudgetPolicy::CostThreshold);
        SelectionSharePlot plot;
        plot.resize(700, 450);
        const ModelPalette palette = modelPalette(models_, run_.trueCosts);
        plot.setRouter(explorer, "knn", test::qtNames(models_), palette);
        plot.replot();
        // Half way up the stack at a budget in the middle: inside some model's band.
        const int last = int(explorer.budgets.size()) / 2;
        const QPointF at(plot.xAxis->coordToPixel(explorer.budgets[std::size_t(last)]), plot.yAxis->coordToPixel(0.5));
        const auto hover = plot.hoverAt(at);
        QVERIFY(!hover.model.isEmpty());
        QCOMPARE(hover.budgetIndex, last);
        const auto column = std::find(models_.begin(), models_.end(), hover.model.toStdString()) - models_.begin();
        QCOMPARE(hover.share, explorer.routers[1].share(last, Eigen::Index(column)));
        // Where the models' shares below reach 0.5, at most, and above it, at least.
        double below = 0;
        for (const QString& m : palette.modelsByPrice()) {
            if (m == hover.model)
                break;
            below += explorer.routers[1].share(last, Eigen::Index(std::find(models_.begin(), models_.end(), m.toStdString()) - models_.begin()));
        }
        QVERIFY(below <= 0.5 + 1e-9 && below + hover.share > 0.5);
        QVERIFY(plot.hoverAt(QPointF(2, 2)).model.isEmpty()); // outside the plot
    }

    void aSliderMoveRedrawsTheCursorAlone()
    {
        const BudgetExplorer explorer = exploreBudgets(run_, BudgetPolicy::CostThreshold);
        SelectionSharePlot plot;
        QVERIFY(showKnn(plot, explorer));
        QApplication::processEvents();
        const QImage before = test::shownOnScreen(plot);
        // A budget in the middle of the view (the cursor starts at the largest).
        const int middle = explorer.nearestBudgetIndex(std::sqrt(plot.xAxis->range().lower * plot.xAxis->range().upper));
        QVERIFY(middle < int(explorer.budgets.size()) - 1);
        // Two moves in a row, the second repainting where the first left the cursor. Each draws
        // the cursor's layer alone and repaints only a strip: where the cursor was and is.
        for (const int index : {middle, middle / 2}) {
            const auto moved = test::moveSlider(plot, [&] { plot.setBudget(explorer, index); });
            QCOMPARE(moved.wholeReplots, 0);
            QVERIFY(!moved.repainted.isEmpty());
            QVERIFY(moved.repainted.boundingRect().width() < plot.width() / 2);
            QVERIFY(moved.painted != before);
            QCOMPARE(plot.shareAtCursor(QString::fromStdString(models_[0])), explorer.routers[1].share(index, 0));
        }
        // The window shows what a whole replot from scratch shows: nothing of an old cursor is
        // left, on screen or in the layer's buffer.
        const QImage shown = test::shownOnScreen(plot);
        QCOMPARE(shown, test::shownAfterWholeReplot(plot));
    }

    void doubleClickResetsTheZoom()
    {
        const BudgetExplorer explorer = exploreBudgets(run_, BudgetPolicy::CostThreshold);
        SelectionSharePlot plot;
        QVERIFY(showKnn(plot, explorer));
        const QCPRange full = plot.xAxis->range();
        plot.xAxis->scaleRange(0.2);
        plot.replot();
        QVERIFY(plot.xAxis->range().size() < full.size() / 2);
        QTest::mouseDClick(&plot, Qt::LeftButton, {}, plot.axisRect()->rect().center());
        QCOMPARE(plot.xAxis->range(), full);
        plot.xAxis->scaleRange(0.2);
        plot.setFocus();
        QTest::keyClick(&plot, Qt::Key_Home);
        QCOMPARE(plot.xAxis->range(), full);
    }
};

QTEST_MAIN(TestSelectionSharePlot)
#include "test_selection_share_plot.moc"
