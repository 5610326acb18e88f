// Exported figures as a paper needs them: the page is the figure's size (a 3.5 in PDF is 252 pt
// wide), a PNG has the pixels of its DPI, text is the size asked for, the legend lies wholly inside,
// and nothing of the interaction is drawn: no selection box after a legend click, no budget marks
// unless asked.

#include "gui_support.h"
#include "test_support.h"

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "frontier_plot.h"
#include "model_palette.h"
#include "plot_export.h"
#include "selection_share_plot.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

namespace {

// Pixels of QCustomPlot's selection colour (pure blue), which no palette colour comes near.
int selectionBluePixels(const QImage& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.blue() > 200 && c.red() < 60 && c.green() < 60)
                ++count;
        }
    return count;
}

} // namespace

class TestPlotExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::vector<ExperimentRun> runs_;
    std::vector<std::string> models_ = test::routerBenchModels();
    Comparison comparison_;
    BudgetExplorer explorer_;
    ModelPalette palette_;

private slots:
    void initTestCase()
    {
        test::isolateSettings();
        runs_.push_back(test::noisyRun({"knn", "mlp", "equirouter"}, int(models_.size()), 600, 3));
        comparison_ = compareRouters(runs_, models_, BudgetPolicy::CostThreshold);
        explorer_ = exploreBudgets(runs_.front(), BudgetPolicy::CostThreshold);
        palette_ = modelPalette(models_, runs_.front().trueCosts);
    }

    void pdfPageIsTheFigureSize_data()
    {
        QTest::addColumn<QSizeF>("inches");
        QTest::addColumn<QSizeF>("points");
        QTest::newRow("single column") << QSizeF(3.5, 2.6) << QSizeF(252, 187);
        QTest::newRow("slide") << QSizeF(10, 5.6) << QSizeF(720, 403);
    }

    void pdfPageIsTheFigureSize()
    {
        QFETCH(QSizeF, inches);
        QFETCH(QSizeF, points);
        FrontierPlot plot;
        plot.setComparison(comparison_, 0, palette_);
        const QString path = dir_.filePath("frontier.pdf");
        QCOMPARE(exportFigure(plot, path, {inches, 8, 300, false}), QString());
        const QByteArray pdf = test::fileBytes(path);
        const auto match = QRegularExpression(R"(/MediaBox \[([^\]]*)\])").match(QString::fromLatin1(pdf));
        QVERIFY2(match.hasMatch(), "no MediaBox in the PDF");
        const QStringList box = match.captured(1).simplified().split(' ');
        QCOMPARE(box.size(), 4);
        QCOMPARE(QSizeF(box[2].toDouble() - box[0].toDouble(), box[3].toDouble() - box[1].toDouble()), points);
    }

    void svgPageIsTheFigureSizeAndItsTextThePointsAsked()
    {
        SelectionSharePlot plot;
        plot.setRouter(explorer_, "knn", test::qtNames(models_), palette_);
        const QString path = dir_.filePath("share.svg");
        QCOMPARE(exportFigure(plot, path, {QSizeF(3.5, 2.6), 9, 300, false}), QString());
        const QString svg = QString::fromUtf8(test::fileBytes(path));
        QVERIFY(svg.contains(R"(width="88.9mm")"));
        QVERIFY(svg.contains(R"(viewBox="0 0 252 187")"));
        // One unit is one point: tick and axis labels 9, title 10, the powers of ten on the log
        // axis three quarters of 9, the legend 8 or, to fit two columns below the plot, 7.
        QSet<QString> sizes;
        for (const auto& m : QRegularExpression(R"re(<text[^>]*font-size="([0-9.]+)")re").globalMatch(svg))
            sizes << m.captured(1);
        QVERIFY(sizes.contains("9") && sizes.contains("10") && sizes.contains("6"));
        QVERIFY2((sizes - QSet<QString>{"6", "7", "8", "9", "10"}).isEmpty(), qPrintable(QStringList(sizes.values()).join(' ')));
        // The plot area's contents are clipped to it (Qt's SVG writer clips nothing itself).
        QVERIFY(svg.contains("clip-path=\"url(#plot-area)\""));
    }

    void pngHasThePixelsOfItsResolution()
    {
        FrontierPlot plot;
        plot.setComparison(comparison_, 0, palette_);
        const QString path = dir_.filePath("frontier.png");
        QCOMPARE(exportFigure(plot, path, {QSizeF(3.5, 2.6), 8, 300, false}), QString());
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1050, 779));
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 300);
        // Too many pixels is refused with the numbers, before anything is drawn.
        const QString error = exportFigure(plot, dir_.filePath("huge.png"), {QSizeF(40, 30), 8, 1200, false});
        QVERIFY2(error.contains("48000 x 36000 pixels"), qPrintable(error));
        QVERIFY(!QFile::exists(dir_.filePath("huge.png")));
    }

    void legendLiesWhollyInsideASingleColumn()
    {
        SelectionSharePlot plot; // 11 models in the legend: the widest of RouteScope's legends
        plot.setRouter(explorer_, "equirouter", test::qtNames(models_), palette_);
        plot.setLook({true, 8, false, 252});
        plot.toPixmap(252, 187, 1.0); // lays the plot out at the figure's size, as the export does
        const QRect page(0, 0, 252, 187);
        QVERIFY2(page.contains(plot.legend->outerRect()), "the legend is cut off");
        const QFontMetrics metrics(plot.legend->font());
        int entries = 0;
        for (int i = 0; i < plot.legend->itemCount(); ++i) {
            auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i));
            if (!item)
                continue; // an empty cell of the last row
            ++entries;
            const int needed = plot.legend->iconSize().width() + plot.legend->iconTextPadding() +
                               metrics.horizontalAdvance(item->plottable()->name());
            QVERIFY2(item->rect().width() >= needed, qPrintable(item->plottable()->name() + " is cut off"));
            QVERIFY(page.contains(item->rect()));
        }
        QCOMPARE(entries, int(models_.size()));
        // Below the data, which keep most of the page's width.
        QVERIFY(plot.legend->outerRect().top() > plot.axisRect()->rect().bottom());
        QVERIFY(plot.axisRect()->rect().width() > 180);
        plot.setLook({});
    }

    void exportDrawsNoSelectionAfterALegendClick()
    {
        FrontierPlot plot;
        plot.resize(800, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.setComparison(comparison_, 0, palette_);
        plot.replot();
        QCPAbstractLegendItem* knn = nullptr;
        for (int i = 0; i < plot.legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i)))
                if (item->plottable()->name() == "knn")
                    knn = item;
        QVERIFY(knn);
        QTest::mouseClick(&plot, Qt::LeftButton, {}, knn->rect().center());
        QVERIFY2(!plot.routerVisible("knn"), "clicking the legend entry hides the router");
        QVERIFY(!knn->selected());
        // The hidden router's entry is greyed: its text and its line.
        auto* knnItem = static_cast<QCPPlottableLegendItem*>(knn);
        QCOMPARE(knnItem->textColor(), QColor(185, 185, 185));
        QCOMPARE(knnItem->plottable()->pen().color(), QColor(185, 185, 185));
        QCPAbstractPlottable* knnCurve = knnItem->plottable(); // legend entries are remade by an export

        // However an entry got selected, the export shows no selection; the screen would.
        knn->setSelected(true);
        QVERIFY2(selectionBluePixels(plot.toPixmap(800, 500).toImage()) > 20, "the check sees a selected entry");
        const QString path = dir_.filePath("clicked.png");
        QCOMPARE(exportFigure(plot, path, {QSizeF(7.2, 3.6), 8, 150, false}), QString());
        QCOMPARE(selectionBluePixels(QImage(path)), 0);
        // The figure leaves the hidden router out of its legend; the screen keeps it, grey.
        const QString svg = dir_.filePath("clicked.svg");
        QCOMPARE(exportFigure(plot, svg, {QSizeF(7.2, 3.6), 8, 150, false}), QString());
        QVERIFY(test::fileBytes(svg).contains(">mlp</text>"));
        QVERIFY(!test::fileBytes(svg).contains(">knn</text>"));
        QVERIFY(plot.legend->itemWithPlottable(knnCurve));
    }

    void budgetMarksOnlyWhenAsked()
    {
        FrontierPlot frontier;
        frontier.setComparison(comparison_, 0, palette_);
        frontier.setBudget(explorer_, 60);
        // The frontier's budget circles are drawn in the router's colour, darker.
        const QString ring = routerColor("knn").darker(130).name();
        const QString plain = dir_.filePath("plain.svg"), marked = dir_.filePath("marked.svg");
        QCOMPARE(exportFigure(frontier, plain, {QSizeF(3.5, 2.6), 8, 300, false}), QString());
        QCOMPARE(exportFigure(frontier, marked, {QSizeF(3.5, 2.6), 8, 300, true}), QString());
        QVERIFY(!test::fileBytes(plain).contains(ring.toLatin1()));
        QVERIFY(test::fileBytes(marked).contains(ring.toLatin1()));

        // The share plot's budget line is its only black dashed line (the grid's is grey).
        SelectionSharePlot share;
        share.setRouter(explorer_, "knn", test::qtNames(models_), palette_);
        QCOMPARE(exportFigure(share, plain, {QSizeF(3.5, 2.6), 8, 300, false}), QString());
        QCOMPARE(exportFigure(share, marked, {QSizeF(3.5, 2.6), 8, 300, true}), QString());
        const QRegularExpression blackDashes("stroke=\"#000000\"[^>]*stroke-dasharray");
        QVERIFY(!QString::fromUtf8(test::fileBytes(plain)).contains(blackDashes));
        QVERIFY(QString::fromUtf8(test::fileBytes(marked)).contains(blackDashes));
        // The screen keeps its look and its budget line.
        QVERIFY(!share.look().print && share.look().budgetMarkers);
    }

    void figureSizesParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QSizeF>("inches");
        QTest::newRow("inches") << "3.5x2.6in" << QSizeF(3.5, 2.6);
        QTest::newRow("no unit") << "7.2x3.6" << QSizeF(7.2, 3.6);
        QTest::newRow("millimetres") << "254 x 127mm" << QSizeF(10, 5);
        QTest::newRow("centimetres") << "8.89X6.35CM" << QSizeF(3.5, 2.5);
        QTest::newRow("too small") << "0.5x2in" << QSizeF();
        QTest::newRow("not a size") << "3.5in" << QSizeF();
        QTest::newRow("negative") << "-3x2" << QSizeF();
    }

    void figureSizesParse()
    {
        QFETCH(QString, text);
        QFETCH(QSizeF, inches);
        QString error;
        const auto parsed = parseFigureSize(text, &error);
        if (inches.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY2(error.contains(text), qPrintable(error));
        } else {
            QVERIFY2(parsed, qPrintable(error));
            QVERIFY(std::abs(parsed->width() - inches.width()) < 1e-9);
            QVERIFY(std::abs(parsed->height() - inches.height()) < 1e-9);
        }
    }
};

QTEST_MAIN(TestPlotExport)
#include "test_plot_export.moc"
