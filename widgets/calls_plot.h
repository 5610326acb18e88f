#pragma once
// Calls per query against the budget, for the routers that may call more than one model per
// query (cascades): how many models a query costs at each budget of the slider, which a vertical
// cursor marks. Routers that always call one model are left out; with none left, the plot says so.

#include "budget_axis_plot.h"

#include <QStringList>

namespace routescope {

class CallsPlot : public BudgetAxisPlot {
    Q_OBJECT
public:
    explicit CallsPlot(QWidget* parent = nullptr);

    // Draws every router of the explorer that calls more than one model somewhere.
    void setExplorer(const BudgetExplorer& explorer);
    void clearExplorer();
    // The routers drawn, and one's calls per query at the cursor (for tests and the status line).
    QStringList routers() const;
    double callsAtCursor(const QString& router) const;

private:
    struct Line {
        QString name;
        QCPGraph* graph = nullptr;
        std::vector<double> calls;
    };
    std::vector<Line> lines_;
    QCPItemText* empty_ = nullptr;
};

} // namespace routescope
