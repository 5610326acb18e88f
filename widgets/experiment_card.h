#pragma once
// The settings of the experiment on screen, read-only: its dataset, split, routers, seeds and
// features as it was trained (not the form's, which may have changed since), with "Copy to form"
// to train it again or a variant of it. While a new experiment trains, it says so.

#include "experiment/experiment_store.h"

#include <QGroupBox>

#include <map>

class QFormLayout;
class QLabel;
class QPushButton;

namespace routescope {

class ExperimentCard : public QGroupBox {
    Q_OBJECT
public:
    explicit ExperimentCard(QWidget* parent = nullptr);

    void setExperiment(const SavedExperiment& experiment, const std::map<std::int64_t, QString>& datasetNames);
    // While training: what trains, and that the plots show its partial results.
    void setTraining(const QString& dataset, const QString& split, int routersDone, int routers);
    void clear();
    QString text() const; // every row, for tests and the clipboard

signals:
    void copyRequested();

private:
    void setRows(const QString& title, const std::vector<std::pair<QString, QString>>& rows);

    QFormLayout* form_ = nullptr;
    QPushButton* copy_ = nullptr;
};

} // namespace routescope
