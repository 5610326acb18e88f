#pragma once
// The side panel: which dataset, split, routers (with settings), seeds and budget policy, the
// Train and Cancel buttons, and a progress bar per router while training.

#include "evaluation/budget_policy.h"
#include "experiment_jobs.h"
#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "store/project_store.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace routescope {

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    // tasksOf gives a dataset's task names, for the leave-one-task-out splits.
    void setDatasets(const std::vector<DatasetSummary>& datasets,
                     const std::function<std::vector<std::string>(std::int64_t)>& tasksOf);
    std::optional<std::int64_t> datasetId() const;
    std::optional<std::int64_t> testDatasetId() const;
    // Throws std::invalid_argument with a message for the user when a field is malformed.
    ExperimentSpec spec() const;
    // What the form asks to train (all but the project's path); throws as spec() does.
    TrainingRequest request() const;
    BudgetPolicy policy() const;
    // The form set to a saved experiment's dataset, split, routers and seeds ("Copy to form").
    void setSettings(const SavedExperiment& experiment);
    // Ticks exactly these router specs ("knn:k=20"), adding items for those the list lacks.
    void setRouters(const QStringList& specs);

    // While training: a progress bar and a Skip button per router; Skip sets that router's flag.
    void setTraining(bool training, const std::vector<RouterSpec>& routers = {}, std::size_t seeds = 1,
                     std::shared_ptr<std::vector<std::atomic<bool>>> skips = {});
    void showRouterProgress(int seed, int router, double fraction);
    // The progress bars of the last training go (another project is open).
    void clearProgress();

signals:
    void trainRequested();
    void cancelRequested();
    void policyChanged(routescope::BudgetPolicy policy);

private:
    // Keeps the split chosen before when the dataset still offers it.
    void refreshSplits();
    // Chooses the split of this item data, adding an "in:0.5" the list lacks.
    void chooseSplit(const QString& split);
    QListWidgetItem* addRouterItem(const QString& spec);

    QComboBox* dataset_ = nullptr;
    QComboBox* split_ = nullptr;
    QListWidget* routers_ = nullptr;
    QLineEdit* seeds_ = nullptr;
    QComboBox* policy_ = nullptr;
    QPushButton* train_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* seedLabel_ = nullptr;
    QVBoxLayout* progressLayout_ = nullptr;
    std::vector<QProgressBar*> progress_;
    std::vector<QWidget*> progressRows_;
    std::vector<DatasetSummary> datasets_;
    std::function<std::vector<std::string>(std::int64_t)> tasksOf_;
    std::size_t seedCount_ = 1;
};

} // namespace routescope
