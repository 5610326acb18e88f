#include "selection_share_plot.h"

#include <algorithm>

namespace routescope {

SelectionSharePlot::SelectionSharePlot(QWidget* parent) : PlotWidget(parent)
{
    setObjectName("Selection share");
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeZoom(Qt::Horizontal);
    axisRect()->setRangeDrag(Qt::Horizontal);
    yAxis->setLabel(tr("Share of queries"));
    yAxis->setRange(0, 1);
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog));
    xAxis->setNumberFormat("eb");
    xAxis->setNumberPrecision(0);
    // Beside the plot: over it, the legend would hide the bands it names.
    title_ = addTitleAndSideLegend(tr("Selection share"), 7);
}

void SelectionSharePlot::clearRouter()
{
    clearGraphs();
    bands_.clear();
    router_.clear();
    if (cursor_) {
        removeItem(cursor_);
        cursor_ = nullptr;
    }
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
    title_->setText(tr("Selection share: %1").arg(router));
    const bool threshold = explorer.policy == BudgetPolicy::CostThreshold;
    xAxis->setLabel(threshold ? tr("Cost threshold T ($ per query)") : tr("Willingness to pay: lambda (right = spends more)"));
    xAxis->setRangeReversed(!threshold);

    // Columns reordered by price so the stack runs cheap (bottom) to expensive (top).
    models_ = palette.modelsByPrice();
    shareByPrice_.resize(it->share.rows(), Eigen::Index(models_.size()));
    for (std::size_t p = 0; p < models_.size(); ++p) {
        const auto column = std::find(modelNames.begin(), modelNames.end(), models_[p]) - modelNames.begin();
        shareByPrice_.col(Eigen::Index(p)) = it->share.col(column);
    }
    QVector<double> keys(int(explorer.budgets.size()));
    for (std::size_t b = 0; b < explorer.budgets.size(); ++b)
        keys[int(b)] = std::max(explorer.budgets[b], 1e-12);
    QVector<double> cumulative(keys.size(), 0.0);
    QCPGraph* below = nullptr;
    for (std::size_t p = 0; p < models_.size(); ++p) {
        for (int b = 0; b < keys.size(); ++b)
            cumulative[b] += shareByPrice_(b, Eigen::Index(p));
        auto* band = addGraph();
        band->setName(models_[p].section('/', -1));
        const QColor color = palette.color(models_[p]);
        band->setPen(QPen(color.darker(120), 0.8));
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
    xAxis->setRange(keys.front(), keys.back());
    cursor_ = new QCPItemStraightLine(this);
    cursor_->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    setBudget(explorer, cursorIndex_ < 0 ? int(explorer.budgets.size()) - 1 : cursorIndex_);
}

void SelectionSharePlot::setBudget(const BudgetExplorer& explorer, int index)
{
    if (!cursor_ || index < 0 || std::size_t(index) >= explorer.budgets.size())
        return;
    cursorIndex_ = index;
    const double x = std::max(explorer.budgets[std::size_t(index)], 1e-12);
    cursor_->point1->setCoords(x, 0);
    cursor_->point2->setCoords(x, 1);
    requestReplot();
}

double SelectionSharePlot::shareAtCursor(const QString& model) const
{
    const auto p = std::find(models_.begin(), models_.end(), model);
    if (p == models_.end() || cursorIndex_ < 0 || cursorIndex_ >= shareByPrice_.rows())
        return 0;
    return shareByPrice_(cursorIndex_, Eigen::Index(p - models_.begin()));
}

} // namespace routescope
