#pragma once
// The Datasets tab: the project's datasets with their models, where the project file is, and
// buttons to rename or remove the selected dataset (the application asks and does it).

#include "dataset_table.h"

#include <QWidget>

class QLabel;

namespace routescope {

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget* parent = nullptr);
    DatasetTable* table() const { return table_; }
    // A line naming the project file (and whether it is the default project).
    void setProjectText(const QString& text);

signals:
    void renameRequested(std::int64_t datasetId);
    void removeRequested(std::int64_t datasetId);

private:
    DatasetTable* table_;
    QLabel* project_;
};

} // namespace routescope
