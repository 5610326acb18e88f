#include "export_actions.h"

#include "figure_dialog.h"
#include "plot_export.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>

namespace routescope {

ExportActions::ExportActions(QWidget* window, Figures figures, std::function<std::optional<ReportDescription>()> describe,
                             std::function<const ComparisonSummary&()> summary)
    : QObject(window), window_(window), figures_(figures), describe_(std::move(describe)), summary_(std::move(summary))
{
}

void ExportActions::addTo(QMenu* menu)
{
    menu->addAction(tr("Export &Frontier Figure..."), this, [this] { exportFigure(figures_.frontier, "frontier"); });
    menu->addAction(tr("Export &Selection-Share Figure..."), this, [this] { exportFigure(figures_.share, "share"); });
    menu->addAction(tr("Export C&alls-per-Query Figure..."), this, [this] { exportFigure(figures_.calls, "calls"); });
    menu->addAction(tr("Export &Metrics Table (CSV)..."), this, [this] {
        const QString path = QFileDialog::getSaveFileName(window_, tr("Export metrics (CSV, and LaTeX beside it)"),
                                                          "metrics.csv", tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        if (const QString problem = exportMetrics(path); !problem.isEmpty())
            emit error(tr("Export failed"), problem);
        else
            emit status(tr("Wrote %1 and its LaTeX table beside it").arg(path));
    });
    menu->addAction(tr("Export &Report..."), QKeySequence(tr("Ctrl+E")), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(window_, tr("Export report into folder"));
        if (dir.isEmpty())
            return;
        if (const QString problem = exportReport(dir); !problem.isEmpty())
            emit error(tr("Export failed"), problem);
        else
            emit status(tr("Report written to %1").arg(dir));
    });
}

void ExportActions::exportFigure(PlotWidget* plot, const QString& name)
{
    const QString path = QFileDialog::getSaveFileName(window_, tr("Export figure"), name + ".pdf",
                                                      tr("PDF document (*.pdf);;SVG drawing (*.svg);;PNG image (*.png)"));
    if (path.isEmpty())
        return;
    FigureDialog dialog(QFileInfo(path).suffix(), window_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const QString problem = routescope::exportFigure(*plot, path, dialog.options()); !problem.isEmpty())
        emit error(tr("Export failed"), problem);
    else
        emit status(tr("Wrote %1").arg(path));
}

QString ExportActions::exportMetrics(const QString& csvPath)
{
    if (summary_().rows.empty())
        return tr("There are no results to export yet.");
    try {
        writeSummaryTables(csvPath.toStdString(), summary_());
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

QString ExportActions::exportReport(const QString& dir)
{
    const auto description = describe_();
    if (!description)
        return tr("There are no results to export yet.");
    try {
        writeReportFolder(dir.toStdString(), summary_(), *description,
                          [this](const std::filesystem::path& file, const std::string& figure) {
                              PlotWidget* plot = figure == "frontier" ? figures_.frontier : figures_.share;
                              const QString problem = routescope::exportFigure(
                                  *plot, QString::fromStdString(file.string()), FigureDialog::remembered());
                              if (!problem.isEmpty())
                                  throw std::runtime_error(problem.toStdString());
                          });
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

} // namespace routescope
