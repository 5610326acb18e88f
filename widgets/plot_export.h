#pragma once
// Writes a plot as a figure for a paper or a slide: PDF and SVG whose page is the figure's size,
// PNG at a chosen resolution, all in the print look (text in points, no selection, the budget
// marks only when asked). The workbench's export, its report and `routescope-cli plot` all draw
// through exportFigure(), so the same experiment gives the same figure everywhere.

#include <QSizeF>
#include <QString>

#include <optional>
#include <vector>

namespace routescope {

class PlotWidget;

struct FigureOptions {
    QSizeF inches{3.5, 2.6};
    int fontPoints = 8;
    int dpi = 300;              // PNG only
    bool budgetMarkers = false; // the slider's budget on the frontier and the share plot

    // The page in points (1/72 in), as PDF and SVG write it.
    QSize points() const;
};

// The limits the export dialog and the CLI accept.
constexpr double kMinFigureInches = 1.0;
constexpr double kMaxFigureInches = 40.0;
constexpr int kMinFontPoints = 4;
constexpr int kMaxFontPoints = 36;
constexpr int kMinDpi = 50;
constexpr int kMaxDpi = 1200;
constexpr int kMaxPngSide = 16000; // pixels

struct FigurePreset {
    QString name;
    QSizeF inches;
};
// Single column, double column, slide.
const std::vector<FigurePreset>& figurePresets();

// "3.5x2.6in", "89x66mm" or "3.5x2.6" (inches), as the CLI's --size takes it. Returns nothing and
// sets `error` when the text is not a size or is outside the limits.
std::optional<QSizeF> parseFigureSize(const QString& text, QString* error);
// "3.5 x 2.6 in": the size as the figure dialog and messages show it.
QString figureSizeText(const QSizeF& inches);

// Returns an empty string on success, otherwise a message naming the file and the problem.
// The plot's screen look, selection and zoom are as before afterwards.
QString exportFigure(PlotWidget& plot, const QString& path, const FigureOptions& options = {});

} // namespace routescope
