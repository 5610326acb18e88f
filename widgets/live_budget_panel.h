#pragma once
// At the slider's budget, for each router: quality, mean cost, RCI and the most expensive model's
// share of the queries; with a cascade among them, also the models called per query.

#include "experiment/budget_explorer.h"

#include <QTableWidget>

namespace routescope {

class LiveBudgetPanel : public QTableWidget {
    Q_OBJECT
public:
    explicit LiveBudgetPanel(QWidget* parent = nullptr);
    void setBudget(const BudgetExplorer& explorer, int index, const QString& mostExpensiveModel);
    void clearBudget();
};

} // namespace routescope
