#include "plot_widget.h"

#include <cmath>

namespace routescope {

namespace {
constexpr int kScreenBasePoints = 9;
constexpr int kNarrowFigurePoints = 324; // 4.5 in: narrower figures put the legend below the plot

// QCPLayer::replot() clears a buffered layer's whole buffer, redraws it and then repaints the
// whole widget: every buffer is blended over the whole window again, most of a slider move's
// time. These reach the protected members it uses (a pointer to a protected member may be formed
// through a derived class), so that a move clears and repaints only where the marks were and are.
struct LayerAccess : QCPLayer {
    static QSharedPointer<QCPAbstractPaintBuffer> bufferOf(QCPLayer* layer)
    {
        return (layer->*(&LayerAccess::mPaintBuffer)).toStrongRef();
    }
    static void drawLayer(QCPLayer* layer, QCPPainter* painter) { (layer->*(&LayerAccess::draw))(painter); }
};
} // namespace

PlotWidget::PlotWidget(QWidget* parent)
    : QCustomPlot(parent), screenAntialiasing_(antialiasedElements()), screenNotAntialiasing_(notAntialiasedElements())
{
    setFocusPolicy(Qt::ClickFocus); // Home needs the keyboard once the plot was clicked
    // The legend rearranges itself to the width it gets (see fitLegend), so its current
    // arrangement must not set how narrow the plot may become.
    setMinimumSize(240, 220);
    // QCustomPlot's topmost layer, buffered on its own already (for a selection rectangle, which
    // these plots do not use): a second buffered layer would cost every repaint one more blit.
    budgetLayer_ = layer(QStringLiteral("overlay"));
    // A whole replot draws the marks where budgetMarksRegion() says: the next move repaints there.
    connect(this, &QCustomPlot::afterReplot, this, [this] { budgetMarksShown_ = budgetMarksRegion(); });
}

QCPTextElement* PlotWidget::addTitleAndSideLegend(const QString& title)
{
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    legendColumn_ = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, legendColumn_);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    legendColumn_->addElement(0, 0, legend);
    legendColumn_->addElement(1, 0, new QCPLayoutElement(this)); // pushes the legend to the top
    legendColumn_->setRowStretchFactor(0, 0.001);
    legendColumn_->setRowSpacing(0);
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, title);
    titleText_ = title;
    plotLayout()->addElement(0, 0, title_);
    setLook(look_);
    return title_;
}

void PlotWidget::setTitleText(const QString& text)
{
    titleText_ = text;
    if (title_)
        title_->setText(titleNote_.isEmpty() ? titleText_ : titleText_ + "\n" + titleNote_);
    requestReplot();
}

void PlotWidget::setTitleNote(const QString& note)
{
    titleNote_ = note;
    setTitleText(titleText_);
}

QFont PlotWidget::plotFont(int delta, bool bold) const
{
    QFont f(font().family());
    if (look_.print)
        f.setPixelSize(std::max(4, look_.fontPoints + delta)); // one unit is one point on paper
    else
        f.setPointSize(kScreenBasePoints + delta);
    f.setBold(bold);
    return f;
}

void PlotWidget::setLook(const PlotLook& look)
{
    look_ = look;
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setLabelFont(plotFont());
        axis->setTickLabelFont(plotFont());
        axis->setLabelPadding(look.print ? 3 : 5);
        axis->setPadding(look.print ? 1 : 5); // below the axis label (5 is QCustomPlot's own)
    }
    legend->setFont(plotFont(-1));
    if (look.print) {
        const int f = look.fontPoints;
        legend->setIconSize(f * 3 / 2 + 2, f);
        legend->setIconTextPadding(3);
        legend->setRowSpacing(1);
        legend->setMargins(QMargins(4, 3, 4, 3));
        axisRect()->setMinimumMargins(QMargins(2, 4, 8, 2)); // room for the last tick label only
        plotLayout()->setRowSpacing(0);
        setAntialiasedElements(QCP::aeAll);
    } else {
        legend->setIconSize(24, 12);
        legend->setIconTextPadding(5);
        legend->setRowSpacing(1);
        legend->setMargins(QMargins(7, 5, 7, 4));
        axisRect()->setMinimumMargins(QMargins(15, 15, 15, 15)); // QCustomPlot's own
        plotLayout()->setRowSpacing(5);
        setAntialiasedElements(screenAntialiasing_);
        setNotAntialiasedElements(screenNotAntialiasing_);
    }
    if (title_) {
        title_->setFont(plotFont(1, true));
        title_->setMargins(look.print ? QMargins(2, 2, 2, 0) : QMargins(2, 2, 2, 2));
    }
    refitLegend();
    legend->setBorderPen(legendFrame());
    applyLook();
    requestReplot();
}

bool PlotWidget::legendBelow() const { return legend->layout() == plotLayout(); }

std::vector<QCPAbstractLegendItem*> PlotWidget::legendItems() const
{
    std::vector<QCPAbstractLegendItem*> items;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) // cells may be empty
            items.push_back(item);
    return items;
}

int PlotWidget::legendColumnsThatFit(int width) const
{
    std::vector<int> widths;
    for (const auto* item : legendItems())
        widths.push_back(item->minimumOuterSizeHint().width());
    const int room = width - legend->margins().left() - legend->margins().right() - 8;
    // Filled left to right, column j holds entries j, j + columns, ...: each as wide as its widest.
    for (int columns = int(widths.size()); columns > 1; --columns) {
        int total = (columns - 1) * legend->columnSpacing();
        for (int j = 0; j < columns; ++j) {
            int widest = 0;
            for (std::size_t i = std::size_t(j); i < widths.size(); i += std::size_t(columns))
                widest = std::max(widest, widths[i]);
            total += widest;
        }
        if (total <= room)
            return columns;
    }
    return 1;
}

void PlotWidget::placeLegend(bool below, int columns)
{
    if (below != legendBelow()) {
        if (below) {
            legendColumn_->take(legend);
            plotLayout()->addElement(plotLayout()->rowCount(), 0, legend);
            plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 0.001);
        } else {
            plotLayout()->take(legend);
            plotLayout()->simplify();
            legendColumn_->addElement(0, 0, legend);
        }
    }
    // The entries in reading order, put back one per cell: one column beside the plot, or rows
    // of `columns` below it, filled left to right.
    const auto items = legendItems();
    for (auto* item : items)
        legend->take(item);
    legend->simplify();
    legend->setFillOrder(below ? QCPLayoutGrid::foColumnsFirst : QCPLayoutGrid::foRowsFirst, false);
    legend->setWrap(below ? columns : 0);
    for (auto* item : items)
        legend->addElement(item);
    legend->setBorderPen(legendFrame());
}

QPen PlotWidget::legendFrame() const
{
    // Below, the legend's row spans the page: a frame would too.
    return legendBelow() ? QPen(Qt::NoPen) : look_.print ? QPen(QColor(120, 120, 120), 0.5) : QPen(Qt::black);
}

void PlotWidget::refitLegend() { fitLegend(look_.print ? look_.widthPoints : width()); }

void PlotWidget::fitLegend(int width)
{
    if (!legendColumn_ || width <= 0)
        return;
    // Narrow, the plot keeps its width for the data: the legend goes below in two columns or
    // more, in smaller text if need be; where even that does not fit, on screen below in one
    // column, in print beside.
    legend->setFont(plotFont(-1));
    int besideWidth = legend->margins().left() + legend->margins().right();
    int widest = 0;
    for (const auto* item : legendItems())
        widest = std::max(widest, item->minimumOuterSizeHint().width());
    besideWidth += widest;
    const bool narrow = look_.print ? width < kNarrowFigurePoints : besideWidth > width * 0.35;
    int columns = narrow ? legendColumnsThatFit(width) : 1;
    if (narrow && columns < 2) {
        legend->setFont(plotFont(-2));
        columns = legendColumnsThatFit(width);
        if (columns < 2)
            legend->setFont(plotFont(-1));
    }
    // A screen has height to spare for one column below; a printed column has not.
    const bool below = narrow && (columns >= 2 || !look_.print);
    if (below != legendBelow() || (below && columns != legend->wrap()))
        placeLegend(below, columns);
}

void PlotWidget::resetZoom() { rescaleAxes(); }

void PlotWidget::requestReplot()
{
    if (isVisible() && !size().isEmpty())
        replot(rpQueuedReplot);
}

void PlotWidget::replotBudgetMarks()
{
    if (!isVisible() || size().isEmpty())
        return;
    if (mReplotQueued || hasInvalidatedPaintBuffers()) {
        replot(rpQueuedReplot); // a whole replot is due: it draws the marks too
        return;
    }
    const auto buffer = LayerAccess::bufferOf(budgetLayer_);
    if (!buffer || budgetLayer_->mode() != QCPLayer::lmBuffered) {
        budgetLayer_->replot();
        return;
    }
    // What QCPLayer::replot() does, but the buffer is cleared, and the widget repainted, only
    // where the marks were and are: everything on the layer lies within budgetMarksRegion().
    const QRegion shown = budgetMarksRegion();
    const QRegion changed = budgetMarksShown_ | shown;
    if (QCPPainter* painter = buffer->startPainting()) {
        painter->setCompositionMode(QPainter::CompositionMode_Source);
        for (const QRect& r : changed)
            painter->fillRect(r, Qt::transparent);
        painter->setCompositionMode(QPainter::CompositionMode_SourceOver);
        LayerAccess::drawLayer(budgetLayer_, painter);
        delete painter;
        buffer->donePainting();
    }
    buffer->setInvalidated(false);
    update(changed);
    budgetMarksShown_ = shown;
}

QRegion PlotWidget::budgetMarksRegion() const { return rect(); }

QRegion PlotWidget::withinWidget(const QRectF& area) const
{
    const bool finite = std::isfinite(area.left()) && std::isfinite(area.top()) && std::isfinite(area.width()) &&
                        std::isfinite(area.height());
    if (!finite)
        return rect(); // somewhere the axes cannot place: repaint everything rather than guess
    // Clipped before it becomes whole pixels: deep in a zoom a mark's pixel may lie beyond int's range.
    return area.intersected(QRectF(rect())).toAlignedRect();
}

void PlotWidget::showEvent(QShowEvent* event)
{
    QCustomPlot::showEvent(event);
    replot(rpQueuedReplot);
}

void PlotWidget::resizeEvent(QResizeEvent* event)
{
    if (size().isEmpty()) {
        setViewport(rect());
        return;
    }
    if (!look_.print)
        fitLegend(width());
    QCustomPlot::resizeEvent(event);
}

void PlotWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    QCustomPlot::mouseDoubleClickEvent(event);
    if (axisRect()->rect().contains(event->position().toPoint())) {
        resetZoom();
        replot();
    }
}

void PlotWidget::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Home && event->modifiers() == Qt::NoModifier) {
        resetZoom();
        replot();
        return;
    }
    QCustomPlot::keyPressEvent(event);
}

} // namespace routescope
