#include "selection_share_plot.h"

#include <QToolTip>

#include <algorithm>

namespace routescope {

SelectionSharePlot::SelectionSharePlot(QWidget* parent) : BudgetAxisPlot(parent)
{
    setObjectName("Selection share");
    setMouseTracking(true);
    setToolTip(tr("Drag to pan, wheel to zoom, double-click or Home to reset; hover for the share"));
    yAxis->setLabel(tr("Share of queries"));
    yAxis->setRange(0, 1);
    // Beside the plot: over it, the legend would hide the bands it names.
    addTitleAndSideLegend(tr("Selection share"));
}

void SelectionSharePlot::clearRouter()
{
    clearGraphs();
    bands_.clear();
    keys_.clear();
    router_.clear();
    removeCursor();
    requestReplot();
}

void SelectionSharePlot::setRouter(const BudgetExplorer& explorer, const QString& router,
                                   const std::vector<QString>& modelNames, const ModelPalette& palette)
{
    clearRouter();
    const auto it = std::find_if(explorer.routers.begin(), explorer.routers.end(),
                                 [&](const auto& r) { return QString::fromStdString(r.name) == router; });
    if (it == explorer.routers.end())
        return;
    router_ = router;
    setTitleText(tr("Selection share: %1").arg(router));

    // Columns reordered by price so the stack runs cheap (bottom) to expensive (top).
    models_ = palette.modelsByPrice();
    shareByPrice_.resize(it->share.rows(), Eigen::Index(models_.size()));
    for (std::size_t p = 0; p < models_.size(); ++p) {
        const auto column = std::find(modelNames.begin(), modelNames.end(), models_[p]) - modelNames.begin();
        shareByPrice_.col(Eigen::Index(p)) = it->share.col(column);
    }
    keys_ = budgetAxis(explorer);
    const QVector<double>& keys = keys_;
    QVector<double> cumulative(keys.size(), 0.0);
    QCPGraph* below = nullptr;
    for (std::size_t p = 0; p < models_.size(); ++p) {
        for (int b = 0; b < keys.size(); ++b)
            cumulative[b] += shareByPrice_(b, Eigen::Index(p));
        auto* band = addGraph();
        band->setName(models_[p].section('/', -1));
        const QColor color = palette.color(models_[p]);
        band->setBrush(color);
        band->setData(keys, cumulative, true);
        if (below)
            band->setChannelFillGraph(below);
        bands_.push_back(band);
        below = band;
    }
    // Legend reads top-down like the stack: most expensive first.
    legend->clearItems();
    for (auto b = bands_.rbegin(); b != bands_.rend(); ++b)
        (*b)->addToLegend();
    refitLegend();
    addCursor(explorer);
    applyLook();
    resetZoom();
}

double SelectionSharePlot::shareAtCursor(const QString& model) const
{
    const auto p = std::find(models_.begin(), models_.end(), model);
    if (p == models_.end() || cursorIndex() < 0 || cursorIndex() >= shareByPrice_.rows())
        return 0;
    return shareByPrice_(cursorIndex(), Eigen::Index(p - models_.begin()));
}

} // namespace routescope

namespace routescope {

void SelectionSharePlot::resetZoom()
{
    yAxis->setRange(0, 1);
    if (keys_.isEmpty())
        return;
    // The budgets over which the shares change, a little wider: a willingness-to-pay grid can span
    // twenty decades of which fifteen change nothing...
    const Eigen::Index last = shareByPrice_.rows() - 1;
    const auto same = [this](Eigen::Index a, Eigen::Index b) {
        return (shareByPrice_.row(a) - shareByPrice_.row(b)).cwiseAbs().maxCoeff() < 1e-3;
    };
    Eigen::Index from = 0, to = last;
    while (from < last && same(from + 1, 0))
        ++from;
    while (to > 0 && same(to - 1, last))
        --to;
    // ... and the slider's budget (the largest, until it moves), so that its line shows.
    const Eigen::Index cursor = cursorIndex() >= 0 && cursorIndex() <= last ? cursorIndex() : last;
    from = std::min(from, cursor);
    to = std::max(to, cursor);
    if (from >= to) {
        from = 0;
        to = last;
    }
    xAxis->setRange(keys_[int(from)], keys_[int(to)]);
    xAxis->scaleRange(1.1, xAxis->range().center()); // log axis: a tenth wider each way, in decades
    xAxis->setRange(std::max(xAxis->range().lower, keys_.front()), std::min(xAxis->range().upper, keys_.back()));
}

void SelectionSharePlot::applyLook()
{
    // On screen an outline keeps a band of a few queries visible; in print the areas alone are
    // exact, and their legend icons need no line (which SVG, unclipped, would draw too long).
    for (QCPGraph* band : bands_)
        band->setPen(look().print ? QPen(Qt::NoPen) : QPen(band->brush().color().darker(120), 0.8));
    BudgetAxisPlot::applyLook();
}

SelectionSharePlot::Hover SelectionSharePlot::hoverAt(const QPointF& pixel) const
{
    if (keys_.isEmpty() || !axisRect()->rect().contains(pixel.toPoint()))
        return {};
    const double x = xAxis->pixelToCoord(pixel.x()), y = yAxis->pixelToCoord(pixel.y());
    // The budget drawn nearest the pointer, on the axis's log scale.
    int b = 0;
    for (int k = 1; k < keys_.size(); ++k)
        if (std::abs(std::log(keys_[k] / x)) < std::abs(std::log(keys_[b] / x)))
            b = k;
    double below = 0;
    for (std::size_t p = 0; p < models_.size(); ++p) {
        const double share = shareByPrice_(b, Eigen::Index(p));
        if (share > 0 && y >= below && y < below + share)
            return {models_[p], b, share};
        below += share;
    }
    return {};
}

void SelectionSharePlot::mouseMoveEvent(QMouseEvent* event)
{
    PlotWidget::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const Hover hover = hoverAt(event->position());
    if (hover.model.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    const double key = keys_[hover.budgetIndex];
    const QString budget = policy() == BudgetPolicy::CostThreshold
                               ? tr("cost threshold T = $%1 per query").arg(key, 0, 'g', 3)
                               : tr("willingness to pay 1/\u03bb = $%1 per unit of quality").arg(key, 0, 'g', 3);
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1\n%2\nshare %3 %").arg(hover.model, budget).arg(100.0 * hover.share, 0, 'f', 1), this);
}

} // namespace routescope
