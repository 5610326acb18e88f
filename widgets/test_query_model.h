#pragma once
// The test queries of one experiment run as an item model: id, task, text, then each model's
// true score and cost ("0.8 · $0.0012"; the score alone under Qt::UserRole, for sorting). Reads
// the run's matrices in place: nothing is copied per query.

#include "data/outcome_matrix.h"
#include "experiment/experiment.h"

#include <QAbstractTableModel>

#include <memory>

namespace routescope {

class TestQueryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Task, Text, FirstModel };

    using QAbstractTableModel::QAbstractTableModel;
    // testData: the dataset the run's test rows index into; null clears the model.
    void setRun(std::shared_ptr<const OutcomeMatrix> testData, std::shared_ptr<const std::vector<ExperimentRun>> runs,
                std::size_t seedIndex);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const ExperimentRun* run() const;
    const QueryInfo& query(int row) const;

    std::shared_ptr<const OutcomeMatrix> data_;
    std::shared_ptr<const std::vector<ExperimentRun>> runs_;
    std::size_t seedIndex_ = 0;
};

} // namespace routescope
