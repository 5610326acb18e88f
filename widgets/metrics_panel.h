#pragma once
// The workbench's Metrics tab: the comparison summary's table, the router every learned router
// is tested against (chosen here), and what the intervals are (or that they are being computed).

#include "report/comparison_summary.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace routescope {

class MetricsTable;

class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetricsPanel(QWidget* parent = nullptr);
    MetricsTable* table() const { return table_; }
    // intervalsPending: the summary has no intervals yet, but they are being computed.
    void setSummary(const ComparisonSummary& summary, bool intervalsPending);

signals:
    void referenceChosen(const QString& name);

private:
    QComboBox* reference_;
    QLabel* note_;
    MetricsTable* table_;
};

} // namespace routescope
