#include "metrics_panel.h"

#include "metrics_table.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace routescope {

MetricsPanel::MetricsPanel(QWidget* parent)
    : QWidget(parent), reference_(new QComboBox(this)), note_(new QLabel(this)), table_(new MetricsTable(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    auto* bar = new QHBoxLayout;
    reference_->setToolTip(tr("The router every learned router is tested against: AUC difference and cost saving "
                              "at 90 % and 95 % of the best single model's quality"));
    reference_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    note_->setWordWrap(true); // one line, it would hold the whole window at least as wide
    bar->addWidget(new QLabel(tr("Against:"), this));
    bar->addWidget(reference_);
    bar->addWidget(note_, 1);
    layout->addLayout(bar);
    layout->addWidget(table_, 1);
    connect(reference_, &QComboBox::activated, this, [this] { emit referenceChosen(reference_->currentText()); });
}

void MetricsPanel::setSummary(const ComparisonSummary& summary, bool intervalsPending)
{
    table_->setSummary(summary);
    {
        const QSignalBlocker block(reference_);
        reference_->clear();
        for (const auto& row : summary.rows)
            if (row.kind == RowKind::Router || row.name == "zero")
                reference_->addItem(QString::fromStdString(row.name));
        reference_->setCurrentText(QString::fromStdString(summary.reference));
    }
    if (summary.hasIntervals())
        note_->setText(tr("95 % intervals: paired bootstrap over test queries, %1 resamples%2 (docs/statistics.md). "
                          "Bold: significant against %3; grey: not significant.")
                           .arg(summary.bootstrap.resamples)
                           .arg(summary.seeds.size() > 1 ? tr(", seeds resampled too") : QString())
                           .arg(QString::fromStdString(summary.reference)));
    else
        note_->setText(intervalsPending ? tr("95 % intervals: computing in the background...") : QString());
}

} // namespace routescope
