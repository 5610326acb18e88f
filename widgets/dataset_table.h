#pragma once
// The datasets of a project, one row per model under its dataset: queries, mean score, cost.

#include "store/project_store.h"

#include <QTreeWidget>

namespace routescope {

class DatasetTable : public QTreeWidget {
    Q_OBJECT
public:
    explicit DatasetTable(QWidget* parent = nullptr);
    void setDatasets(const std::vector<DatasetSummary>& datasets);
};

} // namespace routescope
