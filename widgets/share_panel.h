#pragma once
// The selection-share plot of one router, chosen in a box above it, and on request a second
// router's beside it ("side by side with"). Until the user picks, each new result shows kNN and
// EquiRouter when they were trained; once they pick, new results keep the picks.

#include "experiment/budget_explorer.h"
#include "model_palette.h"

#include <QWidget>

class QCheckBox;
class QComboBox;

namespace routescope {

class SelectionSharePlot;

class SharePanel : public QWidget {
    Q_OBJECT
public:
    explicit SharePanel(QWidget* parent = nullptr);

    // A new result: the router lists follow it, the plots draw it. modelNames in the explorer's column order.
    void setResult(const BudgetExplorer& explorer, const std::vector<QString>& modelNames, const ModelPalette& palette);
    void setBudget(const BudgetExplorer& explorer, int index);
    void clear();
    // Shows `router` in the first plot (a row clicked in the metrics table); false when it has no share.
    bool selectRouter(const QString& router);
    QString router() const;
    SelectionSharePlot* plot() const { return first_; }
    SelectionSharePlot* secondPlot() const { return second_; }

signals:
    // The first plot's router changed (the selected router, whose band the frontier may shade).
    void routerChanged(const QString& router);

private:
    void redraw();

    QComboBox* routerA_ = nullptr;
    QComboBox* routerB_ = nullptr;
    QCheckBox* sideBySide_ = nullptr;
    SelectionSharePlot* first_ = nullptr;
    SelectionSharePlot* second_ = nullptr;
    bool chosen_ = false; // once the user picks, results keep the picks
    const BudgetExplorer* explorer_ = nullptr; // the caller's, kept alive while shown
    int budgetIndex_ = -1;
    std::vector<QString> modelNames_;
    ModelPalette palette_;
};

} // namespace routescope
