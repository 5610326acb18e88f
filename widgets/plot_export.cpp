#include "plot_export.h"

#include "plot_widget.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <functional>

namespace routescope {

namespace {

// QCustomPlot draws legend icon lines 5 units past the icon and clips them; SVG has no clipping here.
constexpr int kIconOvershoot = 5;

// Draws the plot as SVG text.
QByteArray svgText(PlotWidget& plot, const QSize& page)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setResolution(72); // one unit is one point, so width and height come out in the figure's size
    svg.setSize(page);
    svg.setViewBox(QRect(QPoint(0, 0), page));
    svg.setTitle(plot.objectName());
    svg.setDescription(QStringLiteral("Exported by RouteScope"));
    QCPPainter painter;
    if (painter.begin(&svg)) {
        plot.toPainter(&painter, page.width(), page.height());
        painter.end();
    }
    return buffer.data();
}

bool clippedToPlotArea(QCPLayerable* layerable)
{
    if (qobject_cast<QCPAbstractPlottable*>(layerable))
        return true;
    const auto* item = qobject_cast<QCPAbstractItem*>(layerable);
    return item && item->clipToAxisRect();
}

// Qt 6.4's SVG generator writes no clipping, so lines zoomed out of view would spill over the
// axes. So the figure is drawn twice: once without what belongs inside the plot area (moved to
// a hidden layer meanwhile; hiding each would not do, the frontier shows its labels as it lays
// them out), once whole, put inside an SVG clip path over the first.
QByteArray svgFigure(PlotWidget& plot, const QSize& page)
{
    std::vector<std::pair<QCPLayer*, QList<QCPLayerable*>>> order;
    for (int i = 0; i < plot.layerCount(); ++i)
        order.emplace_back(plot.layer(i), plot.layer(i)->children());
    plot.addLayer(QStringLiteral("export-hidden"));
    QCPLayer* hidden = plot.layer(QStringLiteral("export-hidden"));
    hidden->setVisible(false);
    for (const auto& [layer, children] : order)
        for (QCPLayerable* layerable : children)
            if (clippedToPlotArea(layerable))
                layerable->setLayer(hidden);
    const QByteArray frame = svgText(plot, page);
    for (const auto& [layer, children] : order) // back in their drawing order
        for (QCPLayerable* layerable : children)
            layerable->setLayer(layer);
    plot.removeLayer(hidden);

    const QByteArray content = svgText(plot, page);

    const int bodyStart = content.indexOf("</defs>") + int(qstrlen("</defs>"));
    const int bodyEnd = content.lastIndexOf("</svg>");
    const int frameEnd = frame.lastIndexOf("</svg>");
    if (bodyStart < int(qstrlen("</defs>")) || bodyEnd < bodyStart || frameEnd < 0)
        return {};
    const QRect area = plot.axisRect()->rect();
    QByteArray out = frame.left(frameEnd);
    out.replace("version=\"1.2\" baseProfile=\"tiny\"", "version=\"1.1\""); // clip paths are SVG 1.1
    out += QStringLiteral("<clipPath id=\"plot-area\"><rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"/></clipPath>\n"
                          "<g clip-path=\"url(#plot-area)\">")
               .arg(area.x())
               .arg(area.y())
               .arg(area.width())
               .arg(area.height())
               .toUtf8();
    out += content.mid(bodyStart, bodyEnd - bodyStart);
    out += "</g>\n</svg>\n";
    return out;
}

} // namespace

QSize FigureOptions::points() const { return {qRound(inches.width() * 72.0), qRound(inches.height() * 72.0)}; }

const std::vector<FigurePreset>& figurePresets()
{
    static const std::vector<FigurePreset> presets = {
        {QObject::tr("Single column"), {3.5, 2.6}},
        {QObject::tr("Double column"), {7.2, 3.6}},
        {QObject::tr("Slide"), {10.0, 5.6}},
    };
    return presets;
}

std::optional<QSizeF> parseFigureSize(const QString& text, QString* error)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d*\.?\d+)\s*[x\x{00d7}]\s*(\d*\.?\d+)\s*(in|mm|cm)?\s*$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch()) {
        *error = QObject::tr("'%1' is not a figure size: use WIDTHxHEIGHT in in, mm or cm, e.g. 3.5x2.6in").arg(text);
        return std::nullopt;
    }
    const QString unit = match.captured(3).toLower();
    const double perInch = unit == "mm" ? 25.4 : unit == "cm" ? 2.54 : 1.0;
    const QSizeF inches(match.captured(1).toDouble() / perInch, match.captured(2).toDouble() / perInch);
    for (const double side : {inches.width(), inches.height()})
        if (side < kMinFigureInches || side > kMaxFigureInches) {
            *error = QObject::tr("figure size '%1' is out of range: each side %2-%3 in (%4-%5 mm)")
                         .arg(text)
                         .arg(kMinFigureInches)
                         .arg(kMaxFigureInches)
                         .arg(kMinFigureInches * 25.4)
                         .arg(kMaxFigureInches * 25.4);
            return std::nullopt;
        }
    return inches;
}

QString figureSizeText(const QSizeF& inches)
{
    return QStringLiteral("%1 x %2 in").arg(inches.width(), 0, 'g', 4).arg(inches.height(), 0, 'g', 4);
}

QString exportFigure(PlotWidget& plot, const QString& path, const FigureOptions& options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != "png" && suffix != "pdf" && suffix != "svg")
        return QObject::tr("%1: unknown figure format '%2' (use .png, .pdf or .svg)").arg(path, suffix);
    const QSize page = options.points();
    const double scale = options.dpi / 72.0;
    if (suffix == "png" && std::max(page.width(), page.height()) * scale > kMaxPngSide)
        return QObject::tr("%1: %2 at %3 DPI would be %4 x %5 pixels; lower the resolution or the size")
            .arg(path, figureSizeText(options.inches))
            .arg(options.dpi)
            .arg(qRound(page.width() * scale))
            .arg(qRound(page.height() * scale));

    const PlotLook screen = plot.look();
    plot.deselectAll();
    plot.setLook({true, options.fontPoints, options.budgetMarkers, page.width()});
    bool ok = false;
    if (suffix == "png") {
        ok = plot.savePng(path, page.width(), page.height(), scale, -1, options.dpi, QCP::ruDotsPerInch);
    } else if (suffix == "pdf") {
        ok = plot.savePdf(path, page.width(), page.height(), QCP::epNoCosmetic, QStringLiteral("RouteScope"),
                          plot.objectName());
    } else {
        bool lineIcons = false;
        for (int i = 0; i < plot.legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i)))
                lineIcons |= item->plottable()->pen().style() != Qt::NoPen;
        if (lineIcons) {
            plot.legend->setIconSize(plot.legend->iconSize() - QSize(kIconOvershoot, 0));
            plot.legend->setIconTextPadding(plot.legend->iconTextPadding() + kIconOvershoot);
        }
        const QByteArray svg = svgFigure(plot, page);
        QFile file(path);
        ok = !svg.isEmpty() && file.open(QIODevice::WriteOnly) && file.write(svg) == svg.size();
    }
    plot.setLook(screen);
    return ok ? QString() : QObject::tr("%1: could not be written").arg(path);
}

} // namespace routescope
