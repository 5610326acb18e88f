#include "metrics_table.h"

#include "report/summary_csv.h"
#include "report/summary_format.h"
#include "report/summary_latex.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

namespace routescope {

namespace {

constexpr int kValueRole = Qt::UserRole + 1;
constexpr int kKindRole = Qt::UserRole + 2;

// Sorts within the routers and within the baselines: baselines stay below in either order.
class RowsApart : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override
    {
        const int a = left.siblingAtColumn(0).data(kKindRole).toInt();
        const int b = right.siblingAtColumn(0).data(kKindRole).toInt();
        if (a != b)
            return sortOrder() == Qt::AscendingOrder ? a < b : a > b;
        return QSortFilterProxyModel::lessThan(left, right);
    }
};

QString text(const std::string& s) { return QString::fromStdString(s); }

QStandardItem* estimateItem(const Estimate& e, int decimals, bool intervals)
{
    auto* item = new QStandardItem;
    QString shown = text(formatSeeds(e.seeds, decimals));
    if (intervals && e.ci95)
        shown += "\n" + text(formatInterval(e.ci95, decimals));
    item->setText(shown);
    if (!e.seeds.mean)
        item->setForeground(QColor(150, 150, 150));
    else
        item->setData(*e.seeds.mean, kValueRole);
    item->setToolTip(QObject::tr("Mean ± sample std over %1 seed(s)%2")
                         .arg(e.seeds.seeds)
                         .arg(e.ci95 ? QObject::tr("; below: 95 % bootstrap interval") : QString()));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QStandardItem* plainItem(const MetricSummary& s, int decimals)
{
    return estimateItem(Estimate{s, std::nullopt}, decimals, false);
}

QStandardItem* versusItem(const ComparisonSummary& summary, const SummaryRow& row, bool auc)
{
    auto* item = new QStandardItem;
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (row.name == summary.reference) {
        item->setText(QObject::tr("reference"));
        return item;
    }
    const Versus* v = summary.versusOf(row.name);
    if (!v) {
        item->setText("-");
        return item;
    }
    const Difference& d = auc ? v->auc : v->saving95;
    item->setText(text(formatDifference(d, !auc)).replace(", p ", "\np "));
    if (d.estimate)
        item->setData(*d.estimate, kValueRole);
    if (d.p && !d.significant())
        item->setForeground(QColor(120, 120, 120));
    else if (d.significant()) {
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
    }
    item->setToolTip(QObject::tr("Against %1: difference of seed means, 95 % paired-bootstrap interval and two-sided "
                                 "p-value; significant when p < 0.05").arg(text(summary.reference)));
    return item;
}

} // namespace

MetricsTable::MetricsTable(QWidget* parent) : QTableView(parent), model_(new QStandardItemModel(this))
{
    auto* proxy = new RowsApart(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(kValueRole);
    setModel(proxy);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the summary's order until a header is clicked
    setSortingEnabled(true);
    setEditTriggers(NoEditTriggers);
    setSelectionBehavior(SelectRows);
    setSelectionMode(SingleSelection);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    auto* copy = new QAction(tr("Copy as CSV"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &MetricsTable::copyCsv);
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(this, &QTableView::clicked, this, [this] {
        if (!currentRouter().isEmpty())
            emit routerActivated(currentRouter());
    });
    clearSummary();
}

void MetricsTable::clearSummary()
{
    summary_ = {};
    model_->clear();
    model_->setHorizontalHeaderLabels({tr("Router")});
}

void MetricsTable::setSummary(const ComparisonSummary& summary)
{
    const QString current = currentRouter();
    model_->clear();
    summary_ = summary;
    const QString reference = text(summary.reference);
    model_->setHorizontalHeaderLabels({tr("Router"), tr("AUC"), tr("AIQ"), tr("Peak"), tr("QNC"), tr("QNC@0.95"),
                                       tr("QNC@0.9"), tr("RCI"), tr("RCI@0.95"), tr("Feasible RCI"), tr("Top share"),
                                       tr("Top share@0.95"), tr("ΔAUC vs %1").arg(reference),
                                       tr("Saving@0.95 vs %1").arg(reference), tr("Train s")});
    const bool intervals = summary.hasIntervals();
    for (const auto& row : summary.rows) {
        auto* name = new QStandardItem(text(row.name));
        name->setData(name->text(), kValueRole);
        name->setData(int(row.kind), kKindRole);
        name->setToolTip(row.kind == RowKind::Router ? tr("learned router")
                         : row.kind == RowKind::Oracle ? tr("oracle: the best true score per query (upper bound)")
                                                       : tr("baseline"));
        QList<QStandardItem*> items{name,
                                    estimateItem(row.auc, kQualityDecimals, intervals),
                                    estimateItem(row.aiq, kQualityDecimals, intervals),
                                    estimateItem(row.peak, kQualityDecimals, intervals),
                                    estimateItem(row.qnc, kRatioDecimals, intervals),
                                    estimateItem(row.qnc95, kRatioDecimals, intervals),
                                    estimateItem(row.qnc90, kRatioDecimals, intervals),
                                    estimateItem(row.rci, kRatioDecimals, intervals),
                                    plainItem(row.rciAt95, kRatioDecimals),
                                    estimateItem(row.feasibleRci, kRatioDecimals, intervals),
                                    plainItem(row.topShare, kRatioDecimals),
                                    plainItem(row.topShareAt95, kRatioDecimals),
                                    versusItem(summary, row, true),
                                    versusItem(summary, row, false),
                                    plainItem(row.trainSeconds, 2)};
        if (row.kind != RowKind::Router)
            for (auto* item : items)
                item->setBackground(QColor(241, 241, 236));
        model_->appendRow(items);
    }
    for (int r = 0; r < model()->rowCount(); ++r)
        if (model()->index(r, 0).data().toString() == current)
            setCurrentIndex(model()->index(r, 0));
}

QString MetricsTable::currentRouter() const
{
    const QModelIndex index = currentIndex();
    return index.isValid() ? index.siblingAtColumn(0).data().toString() : QString();
}

QString MetricsTable::toCsv() const { return summary_.rows.empty() ? QString() : text(summaryCsv(summary_)); }

QString MetricsTable::toLatex() const { return summary_.rows.empty() ? QString() : text(summaryLatex(summary_)); }

void MetricsTable::copyCsv() const { QApplication::clipboard()->setText(toCsv()); }

} // namespace routescope
