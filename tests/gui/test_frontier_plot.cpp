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
        // A model with nothing in the way keeps its label at its point.
        for (auto* t : labels(plot))
            if (t->text() == "large")
                QCOMPARE(t->position->pixelPosition().y(), plot.yAxis->coordToPixel(0.80));
    }
};

QTEST_MAIN(TestFrontierPlot)
#include "test_frontier_plot.moc"
