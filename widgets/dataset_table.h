#pragma once
// The datasets of a project, one row per model under its dataset: queries, mean score, cost.
// A dataset's tooltip names the file it was imported from and when.

#include "store/project_store.h"

#include <QTreeWidget>

namespace routescope {

class DatasetTable : public QTreeWidget {
    Q_OBJECT
public:
    explicit DatasetTable(QWidget* parent = nullptr);
    void setDatasets(const std::vector<DatasetSummary>& datasets);
    // The dataset of the selected row (a dataset's or one of its models').
    std::optional<std::int64_t> selectedDatasetId() const;
};

} // namespace routescope
