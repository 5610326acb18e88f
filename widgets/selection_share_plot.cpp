#include "selection_share_plot.h"

#include <algorithm>

namespace routescope {

SelectionSharePlot::SelectionSharePlot(QWidget* parent) : BudgetAxisPlot(parent)
{
    setObjectName("Selection share");
    yAxis->setLabel(tr("Share of queries"));
    yAxis->setRange(0, 1);
    // Beside the plot: over it, the legend would hide the bands it names.
    title_ = addTitleAndSideLegend(tr("Selection share"), 7);
}

void SelectionSharePlot::clearRouter()
{
    clearGraphs();
    bands_.clear();
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
    title_->setText(tr("Selection share: %1").arg(router));

    // Columns reordered by price so the stack runs cheap (bottom) to expensive (top).
    models_ = palette.modelsByPrice();
    shareByPrice_.resize(it->share.rows(), Eigen::Index(models_.size()));
    for (std::size_t p = 0; p < models_.size(); ++p) {
        const auto column = std::find(modelNames.begin(), modelNames.end(), models_[p]) - modelNames.begin();
        shareByPrice_.col(Eigen::Index(p)) = it->share.col(column);
    }
    const QVector<double> keys = budgetAxis(explorer);
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
    addCursor(explorer);
}

double SelectionSharePlot::shareAtCursor(const QString& model) const
{
    const auto p = std::find(models_.begin(), models_.end(), model);
    if (p == models_.end() || cursorIndex() < 0 || cursorIndex() >= shareByPrice_.rows())
        return 0;
    return shareByPrice_(cursorIndex(), Eigen::Index(p - models_.begin()));
}

} // namespace routescope
