// One figure, wherever it is made: the workbench's export of a saved experiment and
// `routescope-cli plot --experiment` write the same file, run after run; and the figure-size dialog
// turns presets and millimetres into the size on paper.

#include "gui_support.h"
#include "result_views.h"
#include "test_support.h"

#include "figure_dialog.h"
#include "frontier_plot.h"
#include "import/importer.h"
#include "main_window.h"
#include "plot_export.h"
#include "selection_share_plot.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace routescope;

namespace {

int cli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(ROUTESCOPE_CLI), args);
    process.waitForFinished(300000);
    if (process.exitCode() != 0)
        qWarning("%s", process.readAllStandardError().constData());
    return process.exitCode();
}

} // namespace

class TestFigureExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString project_;

private slots:
    void initTestCase()
    {
        test::isolateSettings();
        const std::string csv = dir_.filePath("synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv, 11, 400);
        project_ = dir_.filePath("figures.routescope");
        {
            ProjectStore store(project_.toStdString());
            importDataset(store, csv, {});
        }
        ProjectStore store(project_.toStdString(), ProjectStore::Access::ReadOnly);
        const QString dataset = QString::fromStdString(store.datasets().front().name);
        QCOMPARE(cli({"compare", "--db", project_, "--dataset", dataset, "--routers", "knn,ridge", "--seeds", "0",
                      "--label", "figures"}),
                 0);
    }

    void workbenchAndCliWriteTheSameFigure()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QVERIFY(test::openAndWait(window, project_));
        QVERIFY(shown.wait(60000));
        QCOMPARE(window.result().label, QStringLiteral("figures"));
        // The user zooms nothing but moves the slider: the export leaves its marks out.
        window.views()->showBudget(10);
        const FigureOptions options{QSizeF(3.5, 2.6), 8, 300, false};
        for (const QString& format : {QStringLiteral("svg"), QStringLiteral("png")}) {
            const QString gui = dir_.filePath("gui_frontier." + format), fromCli = dir_.filePath("cli_frontier." + format);
            QCOMPARE(exportFigure(*window.frontierPlot(), gui, options), QString());
            QCOMPARE(cli({"plot", "frontier", "--db", project_, "--experiment", "figures", "--size", "3.5x2.6in",
                          "--font-pt", "8", "--out", fromCli}),
                     0);
            QVERIFY2(test::fileBytes(gui) == test::fileBytes(fromCli), qPrintable(format + ": the two frontier figures differ"));
        }
        const QString gui = dir_.filePath("gui_share.svg"), fromCli = dir_.filePath("cli_share.svg");
        const QString router = window.sharePlot()->router();
        QVERIFY(!router.isEmpty());
        QCOMPARE(exportFigure(*window.sharePlot(), gui, options), QString());
        QCOMPARE(cli({"plot", "share", "--db", project_, "--experiment", "figures", "--router", router, "--out", fromCli}), 0);
        QVERIFY2(test::fileBytes(gui) == test::fileBytes(fromCli), "the two share figures differ");
        // Run after run, the same bytes: nothing in the figure depends on the process.
        const QString again = dir_.filePath("cli_share_again.svg");
        QCOMPARE(cli({"plot", "share", "--db", project_, "--experiment", "figures", "--router", router, "--out", again}), 0);
        QCOMPARE(test::fileBytes(again), test::fileBytes(fromCli));
        QCOMPARE(cli({"plot", "share", "--db", project_, "--experiment", "nothing", "--out", again}), 2);
    }

    void dialogTurnsPresetsAndMillimetresIntoTheSize()
    {
        FigureDialog dialog("png");
        auto* preset = dialog.findChild<QComboBox*>();
        QVERIFY(preset);
        const auto spins = dialog.findChildren<QDoubleSpinBox*>();
        QCOMPARE(spins.size(), 2);
        QComboBox* unit = nullptr;
        for (auto* box : dialog.findChildren<QComboBox*>())
            if (box->findText("mm") >= 0)
                unit = box;
        QVERIFY(unit);
        preset->setCurrentIndex(1);
        emit preset->activated(1); // Double column
        QCOMPARE(dialog.options().inches, QSizeF(7.2, 3.6));
        unit->setCurrentIndex(unit->findText("mm"));
        QCOMPARE(spins[0]->value(), 182.9); // 7.2 in, one decimal
        QVERIFY(std::abs(dialog.options().inches.width() - 7.2) < 0.01);
        spins[0]->setValue(89);
        QCOMPARE(preset->currentText(), QStringLiteral("Custom"));
        QVERIFY(dialog.findChild<QLabel*>("figureSummary")->text().contains("252 x 259 pt"));
        QVERIFY(dialog.findChild<QLabel*>("figureSummary")->text().contains("1050 x 1079 pixels"));
    }
};

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
