// The frontier plot's single-model labels: models at (nearly) the same cost and quality get
// labels that do not print over each other, at any zoom.

#include "frontier_plot.h"

#include <QFontMetricsF>
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

} // namespace

class TestFrontierPlot : public QObject {
    Q_OBJECT

private slots:
    void labelsOfTwinModelsDoNotOverprint()
    {
        FrontierPlot plot;
        plot.resize(700, 500);
        plot.setComparison(twinModels(), 0, ModelPalette());
        for (const double zoom : {1.0, 0.25}) {
            plot.xAxis->scaleRange(zoom);
            plot.replot();
            const auto texts = labels(plot);
            QCOMPARE(texts.size(), 4);
            QCPItemText* v1 = nullptr;
            QCPItemText* v2 = nullptr;
            for (auto* t : texts) {
                if (t->text() == "claude-v1")
                    v1 = t;
                if (t->text() == "claude-v2")
                    v2 = t;
            }
            QVERIFY(v1 && v2);
            const double lineHeight = QFontMetricsF(v1->font()).height();
            QVERIFY2(std::abs(v1->position->pixelPosition().y() - v2->position->pixelPosition().y()) >= lineHeight,
                     "the twin models' labels overlap");
            // Both stay beside their shared point.
            QCOMPARE(v1->position->pixelPosition().x(), plot.xAxis->coordToPixel(0.002));
            QCOMPARE(v2->position->pixelPosition().x(), plot.xAxis->coordToPixel(0.002));
        }
        // No label covers another model's marker, e.g. a neighbour just to the right.
        Comparison withNeighbour = twinModels();
        withNeighbour.modelNames.push_back("neighbour");
        withNeighbour.seeds[0].singleModels.push_back({4, 0.0105, 0.80});
        plot.setComparison(withNeighbour, 0, ModelPalette());
        plot.rescaleAxes();
        plot.replot();
        for (auto* t : labels(plot)) {
            const QFontMetricsF metrics(t->font());
            const QPointF at = t->position->pixelPosition();
            const double width = metrics.horizontalAdvance(t->text());
            const bool onLeft = t->positionAlignment() & Qt::AlignRight;
            const QRectF box(onLeft ? at.x() - t->padding().right() - width : at.x() + t->padding().left(),
                             at.y() - metrics.height() / 2, width, metrics.height());
            // Inside the plot, not cut off at its right edge.
            QVERIFY2(box.right() <= plot.axisRect()->right(), qPrintable(t->text() + " is cut off"));
            const auto& names = withNeighbour.modelNames;
            for (std::size_t m = 0; m < names.size(); ++m) {
                if (QString::fromStdString(names[m]) == t->text())
                    continue;
                const auto& point = withNeighbour.seeds[0].singleModels[m];
                const QPointF centre(plot.xAxis->coordToPixel(point.cost), plot.yAxis->coordToPixel(point.quality));
                QVERIFY2(!box.intersects(QRectF(centre - QPointF(3, 3), QSizeF(6, 6))),
                         qPrintable(t->text() + " covers the marker of " + QString::fromStdString(names[m])));
            }
        }
        plot.setComparison(twinModels(), 0, ModelPalette());
        plot.replot();

        // A model with nothing in the way keeps its label at its point.
        for (auto* t : labels(plot))
            if (t->text() == "large")
                QCOMPARE(t->position->pixelPosition().y(), plot.yAxis->coordToPixel(0.80));
    }
};

QTEST_MAIN(TestFrontierPlot)
#include "test_frontier_plot.moc"
