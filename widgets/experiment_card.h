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
    // While training: what trains (its dataset and split; under a scenario, its name), and that
    // the plots show its partial results; setTrainingProgress() counts the routers shown.
    void setTraining(std::int64_t trainDatasetId, std::optional<std::int64_t> testDatasetId, const ExperimentSpec& spec,
                     const std::map<std::int64_t, QString>& datasetNames, const QString& scenario = {});
    void setTrainingProgress(int routersDone);
    void clear();
    QString text() const; // every row, for tests and the clipboard

signals:
    void copyRequested();

private:
    void setRows(const QString& title, const std::vector<std::pair<QString, QString>>& rows);

    std::vector<std::pair<QString, QString>> training_; // what trains, while it trains
    int trainingRouters_ = 0;
    QFormLayout* form_ = nullptr;
    QPushButton* copy_ = nullptr;
};

} // namespace routescope
