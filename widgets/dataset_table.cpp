#include "dataset_table.h"

#include <QHeaderView>

namespace routescope {

DatasetTable::DatasetTable(QWidget* parent) : QTreeWidget(parent)
{
    setColumnCount(5);
    setHeaderLabels({tr("Dataset / model"), tr("Queries"), tr("Incomplete"), tr("Mean score"),
                     tr("Mean cost per query ($)")});
    setAlternatingRowColors(true);
    setRootIsDecorated(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < columnCount(); ++c)
        header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
}

void DatasetTable::setDatasets(const std::vector<DatasetSummary>& datasets)
{
    clear();
    for (const auto& d : datasets) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, QString::fromStdString(d.name));
        item->setData(0, Qt::UserRole, qint64(d.id));
        item->setToolTip(0, tr("Imported from %1 on %2 UTC")
                                .arg(QString::fromStdString(d.source), QString::fromStdString(d.importedAt)));
        item->setText(1, QString::number(d.queries));
        item->setText(2, QString::number(d.incompleteRows));
        for (const auto& m : d.models) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(0, QString::fromStdString(m.name));
            child->setText(3, QString::number(m.meanScore, 'f', 4));
            const double perQuery = d.queries ? m.totalCost / double(d.queries) : 0.0;
            child->setText(4, QString::number(perQuery, 'g', 4));
            for (int c = 1; c < columnCount(); ++c)
                child->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
        for (int c = 1; c < columnCount(); ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        item->setExpanded(true);
    }
}

std::optional<std::int64_t> DatasetTable::selectedDatasetId() const
{
    const QTreeWidgetItem* item = currentItem();
    while (item && item->parent())
        item = item->parent();
    if (!item)
        return std::nullopt;
    return item->data(0, Qt::UserRole).toLongLong();
}

} // namespace routescope
