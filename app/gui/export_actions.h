#pragma once
// File > Export of the result on screen: one figure at print size (FigureDialog asks the size),
// the metrics table as CSV with its LaTeX table beside it, and a report folder with every figure,
// the tables and summary.md (core/report/report_folder.h).

#include "report/report_folder.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QMenu;
class QWidget;

namespace routescope {

class PlotWidget;

class ExportActions : public QObject {
    Q_OBJECT
public:
    struct Figures {
        PlotWidget* frontier = nullptr;
        PlotWidget* share = nullptr;
        PlotWidget* calls = nullptr;
    };
    // describe: what the report says of the result on screen, nothing when no complete result is.
    ExportActions(QWidget* window, Figures figures, std::function<std::optional<ReportDescription>()> describe,
                  std::function<const ComparisonSummary&()> summary);

    void addTo(QMenu* menu);
    // Each returns an error, or "".
    QString exportReport(const QString& dir);
    QString exportMetrics(const QString& csvPath);

signals:
    void status(const QString& message);
    void error(const QString& title, const QString& message);

private:
    void exportFigure(PlotWidget* plot, const QString& name);

    QWidget* window_;
    Figures figures_;
    std::function<std::optional<ReportDescription>()> describe_;
    std::function<const ComparisonSummary&()> summary_;
};

} // namespace routescope
