#pragma once
// The project's saved experiments, one row each: name, dataset, split, routers, seeds and when it
// was trained, the experiment on screen in bold. Selecting a row asks to show it; Rename and
// Delete ask the application to change the project.

#include "experiment/experiment_store.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <map>

class QPushButton;
class QTableView;

namespace routescope {

// How a saved experiment split its data, in words: "in-domain 70 / 30", "leave out arc", "test on B".
QString describeSplit(const SavedExperiment& experiment, const std::map<std::int64_t, QString>& datasetNames);
QString describeSeeds(const SavedExperiment& experiment);

class ExperimentListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Dataset, Split, Routers, Seeds, Trained, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setExperiments(std::vector<SavedExperiment> experiments, std::map<std::int64_t, QString> datasetNames);
    // The experiment drawn in bold (the one on screen); empty: none.
    void setCurrent(const QString& label);
    const SavedExperiment* experiment(int row) const;
    int rowOf(const QString& label) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<SavedExperiment> experiments_;
    std::map<std::int64_t, QString> datasetNames_;
    QString current_;
};

class ExperimentList : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentList(QWidget* parent = nullptr);

    ExperimentListModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    // Marks `label` as the one on screen and selects its row, without asking to show it again.
    void setCurrent(const QString& label);
    void setWritable(bool writable);

signals:
    void showRequested(const QString& label);
    void renameRequested(const QString& label);
    void deleteRequested(const QString& label);

private:
    QString selectedLabel() const;

    ExperimentListModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    QPushButton* rename_ = nullptr;
    QPushButton* delete_ = nullptr;
    bool writable_ = true;
    bool selecting_ = false; // setCurrent selects a row: not a request to show it
};

} // namespace routescope
