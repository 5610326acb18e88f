#include "test_query_model.h"

namespace routescope {

void TestQueryModel::setRun(std::shared_ptr<const OutcomeMatrix> testData,
                            std::shared_ptr<const std::vector<ExperimentRun>> runs, std::size_t seedIndex)
{
    beginResetModel();
    data_ = std::move(testData);
    runs_ = std::move(runs);
    seedIndex_ = seedIndex;
    endResetModel();
}

const ExperimentRun* TestQueryModel::run() const
{
    return data_ && runs_ && seedIndex_ < runs_->size() ? &(*runs_)[seedIndex_] : nullptr;
}

const QueryInfo& TestQueryModel::query(int row) const
{
    return data_->queries[std::size_t(run()->testRows[std::size_t(row)])];
}

int TestQueryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !run() ? 0 : int(run()->testRows.size());
}

int TestQueryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !run() ? 0 : FirstModel + int(data_->models.size());
}

QVariant TestQueryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !run() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const int column = index.column();
    if (column < FirstModel) {
        const QueryInfo& q = query(index.row());
        const std::string& text = column == Id ? q.sampleId : column == Task ? q.task : q.text;
        if (role == Qt::DisplayRole || role == Qt::UserRole)
            return column == Text ? QString::fromStdString(text).simplified().left(200) : QString::fromStdString(text);
        if (role == Qt::ToolTipRole && column == Text)
            return QString::fromStdString(text).left(2000);
        return {};
    }
    const Eigen::Index row = index.row(), model = column - FirstModel;
    const double score = run()->trueScores(row, model), cost = run()->trueCosts(row, model);
    if (role == Qt::DisplayRole)
        return QStringLiteral("%1 · $%2").arg(score, 0, 'g', 3).arg(cost, 0, 'g', 3);
    if (role == Qt::UserRole)
        return score;
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TestQueryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (section >= FirstModel) {
        const QString name = QString::fromStdString(data_->models[std::size_t(section - FirstModel)].name);
        if (role == Qt::DisplayRole)
            return name.section('/', -1);
        if (role == Qt::ToolTipRole)
            return tr("%1: true score and cost on each query").arg(name);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    return section == Id ? tr("Id") : section == Task ? tr("Task") : tr("Query");
}

} // namespace routescope
