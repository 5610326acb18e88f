#include "plot_export.h"

#include <QFileInfo>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace routescope {

QString exportPlot(QCustomPlot& plot, const QString& path, const FigureSize& size)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == "png") {
        // scale 1 with explicit size: the pixels asked for are the pixels written.
        ok = plot.savePng(path, size.width, size.height, 1.0, -1, size.dpi, QCP::ruDotsPerInch);
    } else if (suffix == "pdf") {
        ok = plot.savePdf(path, size.width, size.height, QCP::epNoCosmetic, "RouteScope", plot.objectName());
    } else if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(size.width, size.height));
        svg.setViewBox(QRect(0, 0, size.width, size.height));
        svg.setTitle(plot.objectName());
        svg.setDescription("Exported by RouteScope");
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot.toPainter(&painter, size.width, size.height);
            painter.end();
        }
    } else {
        return QObject::tr("%1: unknown figure format '%2' (use .png, .pdf or .svg)").arg(path, suffix);
    }
    return ok ? QString() : QObject::tr("%1: could not be written").arg(path);
}

} // namespace routescope
