#pragma once
// A plot against the budget slider's axis on a logarithmic scale (zoomed and dragged
// horizontally only) that runs the way spending grows: the cost threshold T itself, or 1/lambda
// for willingness to pay (lambda itself falls as spending grows). A dashed cursor marks the
// slider's budget. The selection-share and calls-per-query plots.

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
    // Labels the axis for the explorer's policy and returns its budgets as x values, ascending
    // (budgets come least spending first), kept above 0 for the logarithmic axis.
    QVector<double> budgetAxis(const BudgetExplorer& explorer);
    // The x value of one budget under `policy`.
    static double axisValue(BudgetPolicy policy, double budget);
    // A cursor at the budget it was last at (the largest budget at first).
    void addCursor(const BudgetExplorer& explorer);
    void removeCursor();
    // The budget index the cursor is at, -1 before any.
    int cursorIndex() const { return cursorIndex_; }
    BudgetPolicy policy() const { return policy_; }
    // The cursor's pen for screen or print; shown in an export only when budget marks are asked for.
    void applyLook() override;
    // The cursor's strip across the axis rect.
    QRegion budgetMarksRegion() const override;

private:
    QCPItemStraightLine* cursor_ = nullptr;
    int cursorIndex_ = -1;
    BudgetPolicy policy_ = BudgetPolicy::CostThreshold;
};

} // namespace routescope
