#pragma once
// Per router, every metric of a comparison with its spread over seeds; sortable by value,
// copyable as CSV.

#include "experiment/comparison.h"

#include <QTableView>

class QStandardItemModel;

namespace routescope {

class MetricsTable : public QTableView {
    Q_OBJECT
public:
    explicit MetricsTable(QWidget* parent = nullptr);
    void setComparison(const Comparison& comparison);
    void clearComparison();
    // Header and one line per router, numbers as seed means (empty where not reached).
    QString toCsv() const;
    void copyCsv() const;
    QStandardItemModel* tableModel() const { return model_; }

private:
    QStandardItemModel* model_;
};

} // namespace routescope
