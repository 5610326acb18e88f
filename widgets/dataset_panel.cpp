#include "dataset_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace routescope {

DatasetPanel::DatasetPanel(QWidget* parent) : QWidget(parent), table_(new DatasetTable(this)), project_(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    project_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    project_->setWordWrap(true);
    auto* bar = new QHBoxLayout;
    auto* rename = new QPushButton(tr("Rename..."), this);
    auto* remove = new QPushButton(tr("Remove..."), this);
    rename->setToolTip(tr("Rename the selected dataset"));
    remove->setToolTip(tr("Remove the selected dataset and the experiments trained or tested on it"));
    bar->addWidget(project_, 1);
    bar->addWidget(rename);
    bar->addWidget(remove);
    layout->addWidget(table_, 1);
    layout->addLayout(bar);
    connect(rename, &QPushButton::clicked, this, [this] {
        if (const auto id = table_->selectedDatasetId())
            emit renameRequested(*id);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (const auto id = table_->selectedDatasetId())
            emit removeRequested(*id);
    });
}

void DatasetPanel::setProjectText(const QString& text) { project_->setText(text); }

} // namespace routescope
