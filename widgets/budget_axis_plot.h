#pragma once
// A plot against the budget slider's axis, the policy's T or lambda on a logarithmic scale
// (zoomed and dragged horizontally only), with a dashed cursor at the slider's budget: the
// selection-share and calls-per-query plots.

#include "experiment/budget_explorer.h"

#include "plot_widget.h"

namespace routescope {

class BudgetAxisPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit BudgetAxisPlot(QWidget* parent = nullptr);

    // Moves the cursor to the explorer's budget `index`.
    void setBudget(const BudgetExplorer& explorer, int index);

protected:
    // Labels the axis for the explorer's policy (lambda runs right to left, so right spends
    // more) and returns its budgets as x values, kept above 0 for the logarithmic axis.
    QVector<double> budgetAxis(const BudgetExplorer& explorer);
    // A cursor at the budget it was last at (the largest budget at first).
    void addCursor(const BudgetExplorer& explorer);
    void removeCursor();
    // The budget index the cursor is at, -1 before any.
    int cursorIndex() const { return cursorIndex_; }

private:
    QCPItemStraightLine* cursor_ = nullptr;
    int cursorIndex_ = -1;
};

} // namespace routescope
