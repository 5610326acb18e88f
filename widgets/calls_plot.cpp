#include "calls_plot.h"

#include "model_palette.h"

#include <algorithm>

namespace routescope {

CallsPlot::CallsPlot(QWidget* parent) : PlotWidget(parent)
{
    setObjectName("Calls per query");
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeZoom(Qt::Horizontal);
    axisRect()->setRangeDrag(Qt::Horizontal);
    yAxis->setLabel(tr("Models called per query"));
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog));
    xAxis->setNumberFormat("eb");
    xAxis->setNumberPrecision(0);
    addTitleAndSideLegend(tr("Calls per query"), 8);
    empty_ = new QCPItemText(this);
    empty_->position->setType(QCPItemPosition::ptAxisRectRatio);
    empty_->position->setCoords(0.5, 0.5);
    empty_->setText(tr("No router here calls more than one model per query.\nCascades do: add one, e.g. cascade or cascade:error=0.1."));
    empty_->setColor(QColor(110, 110, 110));
}

void CallsPlot::clearExplorer()
{
    clearGraphs();
    lines_.clear();
    if (cursor_) {
        removeItem(cursor_);
        cursor_ = nullptr;
    }
    empty_->setVisible(true);
    requestReplot();
}

void CallsPlot::setExplorer(const BudgetExplorer& explorer)
{
    clearExplorer();
    const bool threshold = explorer.policy == BudgetPolicy::CostThreshold;
    xAxis->setLabel(threshold ? tr("Cost threshold T ($ per query)") : tr("Willingness to pay: lambda (right = spends more)"));
    xAxis->setRangeReversed(!threshold);
    if (explorer.budgets.empty())
        return;
    QVector<double> keys(int(explorer.budgets.size()));
    for (std::size_t b = 0; b < explorer.budgets.size(); ++b)
        keys[int(b)] = std::max(explorer.budgets[b], 1e-12);
    double most = 1;
    // routers[0] is the oracle; the others take the colours the frontier gives them.
    for (std::size_t r = 1; r < explorer.routers.size(); ++r) {
        const auto& router = explorer.routers[r];
        if (router.calls.empty() || *std::max_element(router.calls.begin(), router.calls.end()) <= 1.0)
            continue;
        Line line{QString::fromStdString(router.name), addGraph(), router.calls};
        line.graph->setName(line.name);
        line.graph->setPen(QPen(routerColor(int(r) - 1), 1.8));
        line.graph->setLineStyle(QCPGraph::lsStepLeft);
        line.graph->setData(keys, QVector<double>(router.calls.begin(), router.calls.end()), true);
        most = std::max(most, *std::max_element(router.calls.begin(), router.calls.end()));
        lines_.push_back(std::move(line));
    }
    empty_->setVisible(lines_.empty());
    xAxis->setRange(std::min(keys.front(), keys.back()), std::max(keys.front(), keys.back()));
    yAxis->setRange(0, most * 1.08);
    cursor_ = new QCPItemStraightLine(this);
    cursor_->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    cursor_->setVisible(!lines_.empty());
    setBudget(explorer, cursorIndex_ < 0 || std::size_t(cursorIndex_) >= explorer.budgets.size()
                            ? int(explorer.budgets.size()) - 1
                            : cursorIndex_);
}

void CallsPlot::setBudget(const BudgetExplorer& explorer, int index)
{
    if (!cursor_ || index < 0 || std::size_t(index) >= explorer.budgets.size())
        return;
    cursorIndex_ = index;
    const double x = std::max(explorer.budgets[std::size_t(index)], 1e-12);
    cursor_->point1->setCoords(x, 0);
    cursor_->point2->setCoords(x, 1);
    requestReplot();
}

QStringList CallsPlot::routers() const
{
    QStringList names;
    for (const auto& line : lines_)
        names << line.name;
    return names;
}

double CallsPlot::callsAtCursor(const QString& router) const
{
    for (const auto& line : lines_)
        if (line.name == router && cursorIndex_ >= 0 && std::size_t(cursorIndex_) < line.calls.size())
            return line.calls[std::size_t(cursorIndex_)];
    return 0;
}

} // namespace routescope
