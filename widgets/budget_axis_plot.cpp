#include "budget_axis_plot.h"

#include <algorithm>

namespace routescope {

BudgetAxisPlot::BudgetAxisPlot(QWidget* parent) : PlotWidget(parent)
{
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeZoom(Qt::Horizontal);
    axisRect()->setRangeDrag(Qt::Horizontal);
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog));
    xAxis->setNumberFormat("eb");
    xAxis->setNumberPrecision(0);
}

QVector<double> BudgetAxisPlot::budgetAxis(const BudgetExplorer& explorer)
{
    const bool threshold = explorer.policy == BudgetPolicy::CostThreshold;
    xAxis->setLabel(threshold ? tr("Cost threshold T ($ per query)") : tr("Willingness to pay: lambda (right = spends more)"));
    xAxis->setRangeReversed(!threshold);
    QVector<double> keys(int(explorer.budgets.size()));
    for (std::size_t b = 0; b < explorer.budgets.size(); ++b)
        keys[int(b)] = std::max(explorer.budgets[b], 1e-12);
    return keys;
}

void BudgetAxisPlot::addCursor(const BudgetExplorer& explorer)
{
    removeCursor();
    cursor_ = new QCPItemStraightLine(this);
    cursor_->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    const int last = int(explorer.budgets.size()) - 1;
    setBudget(explorer, cursorIndex_ < 0 || cursorIndex_ > last ? last : cursorIndex_);
}

void BudgetAxisPlot::removeCursor()
{
    if (cursor_) {
        removeItem(cursor_);
        cursor_ = nullptr;
    }
}

void BudgetAxisPlot::setBudget(const BudgetExplorer& explorer, int index)
{
    if (!cursor_ || index < 0 || std::size_t(index) >= explorer.budgets.size())
        return;
    cursorIndex_ = index;
    const double x = std::max(explorer.budgets[std::size_t(index)], 1e-12);
    cursor_->point1->setCoords(x, 0);
    cursor_->point2->setCoords(x, 1);
    requestReplot();
}

} // namespace routescope
