#pragma once
// The comparison summary as a table: per router, then per baseline (set apart below the routers
// whichever column is sorted), every metric's mean ± spread over seeds with its 95 % bootstrap
// interval beneath, and each learned router against the reference with its significance.
// Copyable and exportable as CSV and as a booktabs LaTeX table (both written by report/).

#include "report/comparison_summary.h"

#include <QTableView>

class QStandardItemModel;

namespace routescope {

class MetricsTable : public QTableView {
    Q_OBJECT
public:
    explicit MetricsTable(QWidget* parent = nullptr);
    void setSummary(const ComparisonSummary& summary);
    void clearSummary();
    const ComparisonSummary& summary() const { return summary_; }
    // The summary's CSV and LaTeX (report/summary_csv.h, report/summary_latex.h).
    QString toCsv() const;
    QString toLatex() const;
    void copyCsv() const;
    QStandardItemModel* tableModel() const { return model_; }
    // The name of the row under the current index, or an empty string.
    QString currentRouter() const;

signals:
    void routerActivated(const QString& name);

private:
    QStandardItemModel* model_;
    ComparisonSummary summary_;
};

} // namespace routescope
