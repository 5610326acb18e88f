#pragma once
// The budget slider: positions along the explorer's shared log-spaced grid, with the budget's
// value shown ($ per query for a cost threshold, lambda for willingness to pay).

#include "experiment/budget_explorer.h"

#include <QWidget>

class QLabel;
class QSlider;

namespace routescope {

class BudgetSlider : public QWidget {
    Q_OBJECT
public:
    explicit BudgetSlider(QWidget* parent = nullptr);
    // Keeps the nearest budget to the current one when the grid changes.
    void setExplorer(const BudgetExplorer* explorer);
    int index() const;
    void setIndex(int index);
    QString valueText() const;

signals:
    void budgetChanged(int index);

private:
    void showValue();
    const BudgetExplorer* explorer_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* value_ = nullptr;
    QLabel* title_ = nullptr;
};

} // namespace routescope
