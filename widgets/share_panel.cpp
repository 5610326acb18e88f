#include "share_panel.h"

#include "selection_share_plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace routescope {

SharePanel::SharePanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    routerA_ = new QComboBox(this);
    routerB_ = new QComboBox(this);
    sideBySide_ = new QCheckBox(tr("side by side with"), this);
    bar->addWidget(new QLabel(tr("Router:"), this));
    bar->addWidget(routerA_, 1);
    bar->addWidget(sideBySide_);
    bar->addWidget(routerB_, 1);
    layout->addLayout(bar);
    auto* plots = new QSplitter(Qt::Horizontal, this);
    first_ = new SelectionSharePlot(plots);
    second_ = new SelectionSharePlot(plots);
    second_->hide();
    routerB_->setEnabled(false);
    layout->addWidget(plots, 1);

    connect(routerA_, &QComboBox::currentIndexChanged, this, [this] {
        redraw();
        emit routerChanged(router());
    });
    connect(routerB_, &QComboBox::currentIndexChanged, this, &SharePanel::redraw);
    connect(routerA_, &QComboBox::activated, this, [this] { chosen_ = true; });
    connect(routerB_, &QComboBox::activated, this, [this] { chosen_ = true; });
    connect(sideBySide_, &QCheckBox::toggled, this, [this](bool on) {
        second_->setVisible(on);
        routerB_->setEnabled(on);
        redraw();
    });
}

QString SharePanel::router() const { return routerA_->currentText(); }

void SharePanel::setResult(const BudgetExplorer& explorer, const std::vector<QString>& modelNames,
                           const ModelPalette& palette)
{
    explorer_ = &explorer;
    modelNames_ = modelNames;
    palette_ = palette;
    const QString previousA = routerA_->currentText(), previousB = routerB_->currentText();
    {
        const QSignalBlocker blockA(routerA_), blockB(routerB_);
        routerA_->clear();
        routerB_->clear();
        for (const auto& r : explorer.routers) {
            routerA_->addItem(QString::fromStdString(r.name));
            routerB_->addItem(QString::fromStdString(r.name));
        }
        auto pick = [this](QComboBox* box, const QString& previous, const QString& preferred, int fallback) {
            int i = chosen_ ? box->findText(previous) : box->findText(preferred);
            if (i < 0)
                i = box->findText(previous);
            box->setCurrentIndex(i >= 0 ? i : std::min(fallback, box->count() - 1));
        };
        pick(routerA_, previousA, "knn", 1);
        pick(routerB_, previousB, "equirouter", routerB_->count() - 1);
    }
    redraw();
    if (router() != previousA)
        emit routerChanged(router());
}

void SharePanel::clear()
{
    explorer_ = nullptr;
    budgetIndex_ = -1;
    const QSignalBlocker blockA(routerA_), blockB(routerB_);
    routerA_->clear();
    routerB_->clear();
    first_->clearRouter();
    second_->clearRouter();
}

bool SharePanel::selectRouter(const QString& router)
{
    const int index = routerA_->findText(router);
    if (index < 0)
        return false;
    chosen_ = true;
    routerA_->setCurrentIndex(index);
    return true;
}

void SharePanel::redraw()
{
    if (!explorer_)
        return;
    first_->setRouter(*explorer_, routerA_->currentText(), modelNames_, palette_);
    if (sideBySide_->isChecked())
        second_->setRouter(*explorer_, routerB_->currentText(), modelNames_, palette_);
    if (budgetIndex_ >= 0 && std::size_t(budgetIndex_) < explorer_->budgets.size())
        setBudget(*explorer_, budgetIndex_);
}

void SharePanel::setBudget(const BudgetExplorer& explorer, int index)
{
    budgetIndex_ = index;
    first_->setBudget(explorer, index);
    if (sideBySide_->isChecked())
        second_->setBudget(explorer, index);
}

} // namespace routescope
