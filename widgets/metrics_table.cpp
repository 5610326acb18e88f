#include "metrics_table.h"

#include "evaluation/metrics.h"
#include "evaluation/seed_summary.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

namespace routescope {

namespace {

constexpr int kValueRole = Qt::UserRole + 1;

const char* const kColumns[] = {"Router", "AUC", "AIQ", "Peak", "QNC", "QNC@0.95", "QNC@0.9", "RCI",
                                "Feasible RCI", "Top model share", "Saving vs best baseline @0.95", "Train s"};

QStandardItem* valueItem(const MetricSummary& s, int decimals, bool percent = false)
{
    auto* item = new QStandardItem;
    if (!s.mean) {
        item->setText(QObject::tr("not reached"));
        item->setForeground(QColor(150, 150, 150));
        return item;
    }
    const double scale = percent ? 100.0 : 1.0;
    QString text = QString::number(*s.mean * scale, 'f', decimals);
    if (s.stddev)
        text += QString::fromUtf8(" ± ") + QString::number(*s.stddev * scale, 'f', decimals);
    if (percent)
        text += " %";
    if (s.reached < s.seeds)
        text += QStringLiteral(" (%1/%2)").arg(s.reached).arg(s.seeds);
    item->setText(text);
    item->setData(*s.mean, kValueRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}


} // namespace

MetricsTable::MetricsTable(QWidget* parent) : QTableView(parent), model_(new QStandardItemModel(this))
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(kValueRole);
    setModel(proxy);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setEditTriggers(NoEditTriggers);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    auto* copy = new QAction(tr("Copy as CSV"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &MetricsTable::copyCsv);
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    clearComparison();
}

void MetricsTable::clearComparison()
{
    model_->clear();
    QStringList headers;
    for (const char* c : kColumns)
        headers << tr(c);
    model_->setHorizontalHeaderLabels(headers);
}

void MetricsTable::setComparison(const Comparison& comparison)
{
    clearComparison();
    if (comparison.seeds.empty())
        return;
    // The best learned baseline: the regression router with the highest mean AUC (EquiRouter excluded).
    const auto n = comparison.routerNames.size();
    auto perSeed = [&](std::size_t r) {
        std::vector<RouterEvaluation> evaluations;
        for (const auto& s : comparison.seeds)
            evaluations.push_back(r == n ? s.oracle : s.routers[r]);
        return evaluations;
    };
    std::optional<std::size_t> baseline;
    double baselineAuc = -1;
    for (std::size_t r = 0; r < n; ++r) {
        const auto& name = comparison.routerNames[r];
        if (name.rfind("equirouter", 0) == 0 || name.rfind("random", 0) == 0)
            continue;
        const auto auc = findMetric(summariseSeeds(perSeed(r)), "auc").mean.value_or(-1);
        if (auc > baselineAuc) {
            baselineAuc = auc;
            baseline = r;
        }
    }
    for (std::size_t r = 0; r <= n; ++r) {
        const auto evaluations = perSeed(r);
        const auto summaries = summariseSeeds(evaluations);
        std::vector<std::optional<double>> shares, seconds, savings;
        for (std::size_t s = 0; s < comparison.seeds.size(); ++s) {
            const auto& seed = comparison.seeds[s];
            shares.push_back(topModelShare(evaluations[s], seed.mostExpensiveModel));
            if (r < n)
                seconds.push_back(seed.trainSeconds[r]);
            if (baseline && r != *baseline)
                savings.push_back(costSavingAtQuality(evaluations[s].paretoFront, seed.routers[*baseline].paretoFront,
                                                      0.95 * seed.reference.bestSingle.quality));
        }
        auto* name = new QStandardItem(QString::fromStdString(r == n ? "oracle" : comparison.routerNames[r]));
        name->setData(name->text(), kValueRole);
        QList<QStandardItem*> row{name,
                                  valueItem(findMetric(summaries, "auc"), 4),
                                  valueItem(findMetric(summaries, "aiq"), 4),
                                  valueItem(findMetric(summaries, "peak"), 4),
                                  valueItem(findMetric(summaries, "qnc"), 3),
                                  valueItem(findMetric(summaries, "qnc@0.95"), 3),
                                  valueItem(findMetric(summaries, "qnc@0.9"), 3),
                                  valueItem(findMetric(summaries, "rci"), 3),
                                  valueItem(findMetric(summaries, "feasible_rci"), 3),
                                  valueItem(summariseMetric("share", shares), 1, true),
                                  savings.empty() ? new QStandardItem("-") : valueItem(summariseMetric("saving", savings), 1, true),
                                  seconds.empty() ? new QStandardItem("-") : valueItem(summariseMetric("seconds", seconds), 2)};
        model_->appendRow(row);
    }
    if (baseline)
        model_->horizontalHeaderItem(10)->setText(
            tr("Saving vs %1 @0.95").arg(QString::fromStdString(comparison.routerNames[*baseline])));
}

QString MetricsTable::toCsv() const
{
    auto quote = [](QString s) {
        if (s.contains(',') || s.contains('"'))
            s = '"' + s.replace('"', "\"\"") + '"';
        return s;
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < model_->columnCount(); ++c)
        header << quote(model_->horizontalHeaderItem(c)->text());
    lines << header.join(',');
    // In the order shown (sorted as the user sorted it).
    const auto* view = model();
    for (int r = 0; r < view->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < view->columnCount(); ++c) {
            const QVariant value = view->index(r, c).data(kValueRole);
            cells << (c == 0 ? quote(view->index(r, c).data().toString())
                             : (value.isValid() ? QString::number(value.toDouble(), 'g', 8) : QString()));
        }
        lines << cells.join(',');
    }
    return lines.join('\n') + '\n';
}

void MetricsTable::copyCsv() const { QApplication::clipboard()->setText(toCsv()); }

} // namespace routescope
