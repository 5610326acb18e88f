#pragma once
// Writes a plot to PNG, PDF or SVG, chosen by the file's extension.

#include <QString>

class QCustomPlot;

namespace routescope {

struct FigureSize {
    int width = 1200;  // pixels for PNG, points for PDF and SVG
    int height = 800;
    int dpi = 150;     // PNG only: resolution written into the file's metadata
};

// Returns an empty string on success, otherwise a message naming the file and the problem.
QString exportPlot(QCustomPlot& plot, const QString& path, const FigureSize& size = {});

} // namespace routescope
