// The frontier plot's single-model labels: models at (nearly) the same cost and quality get
// labels that print over nothing, at any zoom, with a leader line where a label had to move away.

#include "gui_support.h"
#include "frontier_plot.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QTest>

using namespace routescope;

namespace {

Comparison twinModels()
{
    Comparison comparison;
    comparison.modelNames = {"small", "claude-v1", "claude-v2", "large"};
    SeedComparison seed;
    seed.singleModels = {{0, 0.0001, 0.40}, {1, 0.002, 0.59}, {2, 0.002, 0.59}, {3, 0.01, 0.80}};
    seed.reference.zeroRouter = {{0.0001, 0.40}, {0.01, 0.80}};
    seed.oracle.router = "oracle";
    seed.oracle.frontier = {{0, 0.0001, 0.40}, {0, 0.001, 0.90}};
    comparison.seeds.push_back(seed);
    return comparison;
}

QList<QCPItemText*> labels(QCustomPlot& plot)
{
    QList<QCPItemText*> out;
    for (int i = 0; i < plot.itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot.item(i)))
            out << text;
    return out;
}

// A label's box as drawn: its top-left position and its text's size.
QRectF labelBox(QCPItemText* t)
{
    const QFontMetricsF metrics(t->font());
    return QRectF(t->position->pixelPosition(), QSizeF(metrics.horizontalAdvance(t->text()), metrics.height()));
}

QList<QCPItemLine*> visibleLeaders(QCustomPlot& plot)
{
    QList<QCPItemLine*> out;
    for (int i = 0; i < plot.itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemLine*>(plot.item(i)); line && line->visible())
            out << line;
    return out;
}

// Each label is clear of the other labels and of every model's marker, inside the plot, and
// either beside its own point or tied to it by a leader line.
void checkLabels(FrontierPlot& plot, const Comparison& comparison)
{
    QList<QCPItemText*> texts;
    for (auto* t : labels(plot))
        if (t->visible())
            texts << t;
    const QRectF area = plot.axisRect()->rect();
    const auto& names = comparison.modelNames;
    int inView = 0;
    for (const auto& point : comparison.seeds[0].singleModels)
        inView += area.contains(QPointF(plot.xAxis->coordToPixel(point.cost), plot.yAxis->coordToPixel(point.quality)));
    QCOMPARE(texts.size(), inView); // the labels of models zoomed out of view hide with them
    const auto leaders = visibleLeaders(plot);
    for (auto* t : texts) {
        const QRectF box = labelBox(t);
        QVERIFY2(plot.axisRect()->rect().contains(box.toAlignedRect().adjusted(1, 1, -1, -1)), qPrintable(t->text() + " is cut off"));
        for (auto* other : texts)
            if (other != t)
                QVERIFY2(!box.adjusted(0.5, 0.5, -0.5, -0.5).intersects(labelBox(other)),
                         qPrintable(t->text() + " overprints " + other->text()));
        for (std::size_t m = 0; m < names.size(); ++m) {
            const auto& point = comparison.seeds[0].singleModels[m];
            const QPointF centre(plot.xAxis->coordToPixel(point.cost), plot.yAxis->coordToPixel(point.quality));
            QVERIFY2(!box.intersects(QRectF(centre - QPointF(3, 3), QSizeF(6, 6))),
                     qPrintable(t->text() + " covers the marker of " + QString::fromStdString(names[m])));
            if (QString::fromStdString(names[m]) != t->text())
                continue;
            const double dx = std::max({box.left() - centre.x(), 0.0, centre.x() - box.right()});
            const double dy = std::max({box.top() - centre.y(), 0.0, centre.y() - box.bottom()});
            const bool beside = std::hypot(dx, dy) <= 7;
            bool led = false;
            for (auto* leader : leaders)
                led |= QLineF(leader->start->pixelPosition(), centre).length() < 0.5 &&
                       box.adjusted(-2, -2, 2, 2).contains(leader->end->pixelPosition());
            QVERIFY2(beside || led, qPrintable(t->text() + " is away from its point without a leader line"));
        }
    }
}

} // namespace

class TestFrontierPlot : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    void labelsOfTwinModelsDoNotOverprint()
    {
        FrontierPlot plot;
        plot.resize(700, 500);
        const Comparison twins = twinModels();
        plot.setComparison(twins, 0, ModelPalette());
        for (const double zoom : {1.0, 0.25}) {
            plot.xAxis->scaleRange(zoom);
            plot.replot();
            checkLabels(plot, twins);
        }
        // A neighbour just right of the largest model.
        Comparison withNeighbour = twinModels();
        withNeighbour.modelNames.push_back("neighbour");
        withNeighbour.seeds[0].singleModels.push_back({4, 0.0105, 0.80});
        plot.setComparison(withNeighbour, 0, ModelPalette());
        plot.replot();
        checkLabels(plot, withNeighbour);

        // Two models on one spot keep their labels close to it: the second just beside the first.
        plot.setComparison(twinModels(), 0, ModelPalette());
        plot.replot();
        const QPointF twin(plot.xAxis->coordToPixel(0.002), plot.yAxis->coordToPixel(0.59));
        int twinLabels = 0;
        for (auto* t : labels(plot)) {
            if (!t->text().startsWith("claude"))
                continue;
            ++twinLabels;
            QVERIFY2(QLineF(labelBox(t).center(), twin).length() < 3 * labelBox(t).height(), qPrintable(t->text()));
        }
        QCOMPARE(twinLabels, 2);
    }

    void aSliderMoveRedrawsTheMarkersAlone()
    {
        const Comparison twins = twinModels();
        BudgetExplorer explorer;
        explorer.budgets = {0.0001, 0.001};
        explorer.routers.push_back({"oracle", twins.seeds[0].oracle.frontier, {0, 0}, {}, {1, 1}});
        FrontierPlot plot;
        plot.resize(700, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.setComparison(twins, 0, ModelPalette());
        plot.setBudget(explorer, 1);
        plot.replot();
        QApplication::processEvents();
        const QImage before = test::shownOnScreen(plot);
        // Two moves in a row (there and back), the second repainting where the first left the
        // markers. Each draws the markers' layer alone and repaints only around the markers:
        // where they were and are.
        for (const int index : {0, 1}) {
            const auto moved = test::moveSlider(plot, [&] { plot.setBudget(explorer, index); });
            QCOMPARE(moved.wholeReplots, 0);
            QVERIFY(!moved.repainted.isEmpty());
            const QRect bounds = moved.repainted.boundingRect();
            QVERIFY(bounds.width() * bounds.height() < plot.width() * plot.height() / 2);
            QCOMPARE(moved.painted != before, index == 0);
        }
        // The window shows what a whole replot from scratch shows: nothing of an old marker is
        // left, on screen or in the layer's buffer.
        const QImage shown = test::shownOnScreen(plot);
        QCOMPARE(shown, test::shownAfterWholeReplot(plot));
    }

    void aCrowdOfModelsGetsLeaderLines()
    {
        // Six models on nearly one spot: no spot beside it holds them all.
        Comparison crowd;
        SeedComparison seed;
        for (int m = 0; m < 6; ++m) {
            crowd.modelNames.push_back("model-" + std::to_string(m));
            seed.singleModels.push_back({m, 0.001 * (1 + 0.01 * m), 0.6 + 0.001 * m});
        }
        seed.singleModels.push_back({6, 0.0001, 0.3});
        seed.singleModels.push_back({7, 0.05, 0.95});
        crowd.modelNames.push_back("cheap");
        crowd.modelNames.push_back("dear");
        seed.reference.zeroRouter = {{0.0001, 0.3}, {0.05, 0.95}};
        seed.oracle.router = "oracle";
        seed.oracle.frontier = {{0, 0.0001, 0.3}, {0, 0.01, 0.99}};
        crowd.seeds.push_back(seed);
        FrontierPlot plot;
        plot.resize(700, 500);
        plot.setComparison(crowd, 0, ModelPalette());
        plot.replot();
        checkLabels(plot, crowd);
        QVERIFY(!visibleLeaders(plot).isEmpty());
    }
};

QTEST_MAIN(TestFrontierPlot)
#include "test_frontier_plot.moc"
