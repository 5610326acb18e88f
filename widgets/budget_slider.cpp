#include "budget_slider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

namespace routescope {

BudgetSlider::BudgetSlider(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    title_ = new QLabel(tr("Budget"), this);
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(0, 0);
    slider_->setEnabled(false);
    slider_->setToolTip(tr("Move the budget: every plot and the live panel follow (log scale)"));
    value_ = new QLabel(tr("no results yet"), this);
    value_->setMinimumWidth(220);
    layout->addWidget(title_);
    layout->addWidget(slider_, 1);
    layout->addWidget(value_);
    connect(slider_, &QSlider::valueChanged, this, [this](int index) {
        showValue();
        emit budgetChanged(index);
    });
}

void BudgetSlider::setExplorer(const BudgetExplorer* explorer)
{
    // The caller may have replaced the explorer's contents already: the old index may not exist.
    const double previous = (explorer_ && std::size_t(slider_->value()) < explorer_->budgets.size())
                                ? explorer_->budgets[std::size_t(slider_->value())]
                                : -1.0;
    explorer_ = explorer;
    const bool usable = explorer && !explorer->budgets.empty();
    slider_->setEnabled(usable);
    if (!usable) {
        slider_->setRange(0, 0);
        value_->setText(tr("no results yet"));
        return;
    }
    title_->setText(explorer->policy == BudgetPolicy::CostThreshold ? tr("Cost threshold") : tr("Willingness to pay"));
    const QSignalBlocker block(slider_);
    slider_->setRange(0, int(explorer->budgets.size()) - 1);
    slider_->setValue(previous > 0 ? explorer->nearestBudgetIndex(previous) : int(explorer->budgets.size()) - 1);
    showValue();
    emit budgetChanged(slider_->value());
}

int BudgetSlider::index() const { return slider_->value(); }

void BudgetSlider::setIndex(int index) { slider_->setValue(index); }

QString BudgetSlider::valueText() const { return value_->text(); }

void BudgetSlider::showValue()
{
    if (!explorer_ || explorer_->budgets.empty())
        return;
    const double budget = explorer_->budgets[std::size_t(slider_->value())];
    value_->setText(explorer_->policy == BudgetPolicy::CostThreshold
                        ? tr("T = $%1 per query").arg(budget, 0, 'g', 3)
                        : tr("lambda = %1 quality per $").arg(budget, 0, 'g', 3));
}

} // namespace routescope
