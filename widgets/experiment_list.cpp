#include "experiment_list.h"

#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace routescope {

QString describeSplit(const SavedExperiment& e, const std::map<std::int64_t, QString>& datasetNames)
{
    if (e.testDatasetId) {
        const auto found = datasetNames.find(*e.testDatasetId);
        return QObject::tr("test on %1").arg(found == datasetNames.end() ? QObject::tr("(removed)") : found->second);
    }
    if (!e.heldOutTask.empty())
        return QObject::tr("leave out %1").arg(QString::fromStdString(e.heldOutTask));
    const int train = int(std::lround(100 * e.trainFraction));
    return QObject::tr("in-domain %1 / %2").arg(train).arg(100 - train);
}

QString describeSeeds(const SavedExperiment& e)
{
    QStringList seeds;
    for (const auto s : e.seeds)
        seeds << QString::number(s);
    return seeds.join(", ");
}

void ExperimentListModel::setExperiments(std::vector<SavedExperiment> experiments,
                                         std::map<std::int64_t, QString> datasetNames)
{
    beginResetModel();
    experiments_ = std::move(experiments);
    datasetNames_ = std::move(datasetNames);
    endResetModel();
}

void ExperimentListModel::setCurrent(const QString& label)
{
    current_ = label;
    if (!experiments_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
}

const SavedExperiment* ExperimentListModel::experiment(int row) const
{
    return row >= 0 && std::size_t(row) < experiments_.size() ? &experiments_[std::size_t(row)] : nullptr;
}

int ExperimentListModel::rowOf(const QString& label) const
{
    for (std::size_t i = 0; i < experiments_.size(); ++i)
        if (QString::fromStdString(experiments_[i].label) == label)
            return int(i);
    return -1;
}

int ExperimentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(experiments_.size());
}

int ExperimentListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ExperimentListModel::data(const QModelIndex& index, int role) const
{
    const SavedExperiment* e = index.isValid() ? experiment(index.row()) : nullptr;
    if (!e)
        return {};
    if (role == Qt::FontRole && QString::fromStdString(e->label) == current_) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        return QString::fromStdString(e->label);
    case Dataset: {
        const auto found = datasetNames_.find(e->trainDatasetId);
        return found == datasetNames_.end() ? QVariant() : found->second;
    }
    case Split:
        return describeSplit(*e, datasetNames_);
    case Routers: {
        QStringList routers;
        for (const auto& r : e->routerNames)
            routers << QString::fromStdString(r);
        return routers.join(", ");
    }
    case Seeds:
        return describeSeeds(*e);
    case Trained:
        return role == Qt::ToolTipRole ? tr("%1 UTC").arg(QString::fromStdString(e->createdAt))
                                       : QString::fromStdString(e->createdAt);
    }
    return {};
}

QVariant ExperimentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char* const names[] = {"Experiment", "Dataset", "Split", "Routers", "Seeds", "Trained (UTC)"};
    return tr(names[section]);
}

ExperimentList::ExperimentList(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    model_ = new ExperimentListModel(this);
    view_ = new QTableView(this);
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(false);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(ExperimentListModel::Routers, QHeaderView::Stretch);
    auto* buttons = new QHBoxLayout;
    rename_ = new QPushButton(tr("Rename..."), this);
    delete_ = new QPushButton(tr("Delete..."), this);
    buttons->addWidget(rename_);
    buttons->addWidget(delete_);
    buttons->addStretch(1);
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);
    rename_->setEnabled(false);
    delete_->setEnabled(false);

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QString label = selectedLabel();
        rename_->setEnabled(writable_ && !label.isEmpty());
        delete_->setEnabled(writable_ && !label.isEmpty());
        if (!selecting_ && !label.isEmpty())
            emit showRequested(label);
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        rename_->setEnabled(false);
        delete_->setEnabled(false);
    });
    connect(rename_, &QPushButton::clicked, this, [this] { emit renameRequested(selectedLabel()); });
    connect(delete_, &QPushButton::clicked, this, [this] { emit deleteRequested(selectedLabel()); });
}

QString ExperimentList::selectedLabel() const
{
    const SavedExperiment* e = model_->experiment(view_->currentIndex().row());
    return e ? QString::fromStdString(e->label) : QString();
}

void ExperimentList::setCurrent(const QString& label)
{
    model_->setCurrent(label);
    const int row = model_->rowOf(label);
    selecting_ = true;
    if (row >= 0)
        view_->setCurrentIndex(model_->index(row, 0));
    else
        view_->selectionModel()->clear(); // the current row too: clicking it again shows it
    selecting_ = false;
}

void ExperimentList::setWritable(bool writable)
{
    writable_ = writable;
    rename_->setEnabled(writable_ && !selectedLabel().isEmpty());
    delete_->setEnabled(writable_ && !selectedLabel().isEmpty());
}

} // namespace routescope
