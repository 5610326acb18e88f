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

double BudgetAxisPlot::axisValue(BudgetPolicy policy, double budget)
{
    const double b = std::max(budget, 1e-12);
    return policy == BudgetPolicy::CostThreshold ? b : 1.0 / b;
}

QVector<double> BudgetAxisPlot::budgetAxis(const BudgetExplorer& explorer)
{
    policy_ = explorer.policy;
    xAxis->setLabel(policy_ == BudgetPolicy::CostThreshold ? tr("Cost threshold T ($ per query)")
                                                          : tr("Willingness to pay 1/\u03bb ($ per unit of quality)"));
    QVector<double> keys(int(explorer.budgets.size()));
    for (std::size_t b = 0; b < explorer.budgets.size(); ++b)
        keys[int(b)] = axisValue(policy_, explorer.budgets[b]);
    return keys;
}

void BudgetAxisPlot::addCursor(const BudgetExplorer& explorer)
{
    removeCursor();
    cursor_ = new QCPItemStraightLine(this);
    cursor_->setLayer(budgetLayer()); // a slider move redraws the cursor alone
    applyLook();
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

void BudgetAxisPlot::applyLook()
{
    if (!cursor_)
        return;
    cursor_->setPen(QPen(Qt::black, look().print ? 1.0 : 1.5, Qt::DashLine));
    cursor_->setVisible(look().budgetMarkers);
}

QRegion BudgetAxisPlot::budgetMarksRegion() const
{
    if (!cursor_ || !cursor_->visible())
        return {};
    // A vertical line, clipped to the axis rect, its pen's width and antialiasing either side.
    const QRect area = axisRect()->rect();
    const double x = xAxis->coordToPixel(cursor_->point1->coords().x());
    const double reach = cursor_->pen().widthF() + 2;
    return withinWidget(QRectF(x - reach, area.top() - reach, 2 * reach, area.height() + 2 * reach));
}

void BudgetAxisPlot::setBudget(const BudgetExplorer& explorer, int index)
{
    if (!cursor_ || index < 0 || std::size_t(index) >= explorer.budgets.size())
        return;
    cursorIndex_ = index;
    const double x = axisValue(explorer.policy, explorer.budgets[std::size_t(index)]);
    cursor_->point1->setCoords(x, 0);
    cursor_->point2->setCoords(x, 1);
    replotBudgetMarks();
}

} // namespace routescope
