#pragma once
// For one router, the share of queries sent to each model as stacked areas against the budget,
// models ordered by price (cheapest at the bottom) and coloured as everywhere else. Collapse shows
// as the most expensive model's band swallowing the plot. A vertical cursor marks the slider;
// hovering names the model, the budget and its share there.

#include "budget_axis_plot.h"
#include "model_palette.h"

namespace routescope {

class SelectionSharePlot : public BudgetAxisPlot {
    Q_OBJECT
public:
    explicit SelectionSharePlot(QWidget* parent = nullptr);

    // modelNames in column order of the explorer's share matrices.
    void setRouter(const BudgetExplorer& explorer, const QString& router, const std::vector<QString>& modelNames,
                   const ModelPalette& palette);
    QString router() const { return router_; }
    void clearRouter();
    // The share of `model` at the cursor, as drawn (for tests and the status line).
    double shareAtCursor(const QString& model) const;
    void resetZoom() override;

    // What the pointer is over: a model's band at one budget.
    struct Hover {
        QString model; // empty: no band there
        int budgetIndex = -1;
        double share = 0;
    };
    Hover hoverAt(const QPointF& pixel) const;

protected:
    void applyLook() override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QString router_;
    std::vector<QString> models_;  // by price, cheapest first
    std::vector<QCPGraph*> bands_; // cumulative upper edges, by price
    QVector<double> keys_;         // x of each budget, ascending
    Eigen::MatrixXd shareByPrice_; // budgets x models by price
};

} // namespace routescope
