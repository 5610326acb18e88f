#include "live_budget_panel.h"

#include "static_text_delegate.h"

#include <QHeaderView>

namespace routescope {

LiveBudgetPanel::LiveBudgetPanel(QWidget* parent) : QTableWidget(parent)
{
    setColumnCount(6);
    setHorizontalHeaderLabels({tr("Router"), tr("Quality"), tr("Mean cost ($/query)"), tr("RCI"), tr("Top model share"),
                               tr("Calls per query")});
    setColumnHidden(5, true);
    verticalHeader()->hide();
    setEditTriggers(NoEditTriggers);
    setSelectionMode(NoSelection);
    setAlternatingRowColors(true);
    // A slider move repaints most cells: each text is laid out once, not twice per paint.
    setItemDelegate(new StaticTextDelegate(this));
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
}

void LiveBudgetPanel::clearBudget() { setRowCount(0); }

void LiveBudgetPanel::setBudget(const BudgetExplorer& explorer, int index, const QString& mostExpensiveModel)
{
    if (index < 0 || std::size_t(index) >= explorer.budgets.size())
        return;
    horizontalHeaderItem(4)->setText(tr("Share of %1").arg(mostExpensiveModel.section('/', -1)));
    setRowCount(int(explorer.routers.size()));
    // Calls per query only tell something when a cascade calls more than one model.
    bool severalCalls = false;
    for (const auto& router : explorer.routers)
        for (double calls : router.calls)
            severalCalls = severalCalls || calls > 1.0;
    setColumnHidden(5, !severalCalls);
    auto put = [this](int row, int column, const QString& text) {
        auto* cell = item(row, column);
        if (!cell) {
            cell = new QTableWidgetItem;
            cell->setTextAlignment(column == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, column, cell);
        }
        cell->setText(text);
    };
    for (std::size_t r = 0; r < explorer.routers.size(); ++r) {
        const auto& router = explorer.routers[r];
        const auto& point = router.points[std::size_t(index)];
        const int row = int(r);
        put(row, 0, QString::fromStdString(router.name));
        put(row, 1, QString::number(point.quality, 'f', 4));
        put(row, 2, QString::number(point.cost, 'g', 4));
        put(row, 3, QString::number(router.rci[std::size_t(index)], 'f', 3));
        put(row, 4, QString::number(100.0 * router.share(index, explorer.mostExpensiveModel), 'f', 1) + " %");
        put(row, 5, std::size_t(index) < router.calls.size() ? QString::number(router.calls[std::size_t(index)], 'f', 2)
                                                             : QString());
    }
}

} // namespace routescope
