#pragma once
// The Scenario panel: what if prices change? The models of the shown experiment in a table
// (ScenarioModel) to tick out of the pool, reprice by a factor or with new prices per token; the
// saved scenarios of the experiment to choose, save, replace and delete; how the views show the
// scenario against the training prices (alone, overlaid, side by side); and "Retrain under this
// scenario". It holds values only: the workbench re-evaluates, saves and trains on its signals.

#include "scenario_model.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace routescope {

// How a plot's second title line names the scenario it shows ("scenario cheap: gpt-4 x0.1"); when
// long, the name and each change on a line of their own, so that a narrow figure keeps it whole;
// empty for the baseline.
QString scenarioCaption(const Scenario& scenario);

class ScenarioPanel : public QWidget {
    Q_OBJECT
public:
    enum class Display { ScenarioOnly, Overlaid, SideBySide };

    explicit ScenarioPanel(QWidget* parent = nullptr);

    // A new experiment: its models, back at the training prices; the saved scenarios to choose.
    void setExperiment(const QString& label, std::vector<ScenarioModelRow> rows, const std::vector<Scenario>& saved);
    // The experiment was renamed in the project.
    void relabel(const QString& label) { experiment_ = label; }
    // The saved scenarios changed; `current` is chosen (empty: none).
    void setSavedScenarios(const std::vector<Scenario>& saved, const QString& current);
    // Whether saving and retraining are possible (a project one may write, no training running).
    void setWritable(bool writable);
    void setScenarioCosts(const std::vector<std::optional<double>>& costs) { model_->setScenarioCosts(costs); }
    void setStatus(const QString& text);

    Scenario scenario() const { return model_->scenario(); }
    Display display() const;
    QString experiment() const { return experiment_; }
    ScenarioModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    // Chooses a saved scenario by name (or "" for the training prices), as the list does.
    void chooseSaved(const QString& name);

signals:
    // Edited, chosen from the saved ones, or reset.
    void scenarioChanged(const routescope::Scenario& scenario);
    void displayChanged(routescope::ScenarioPanel::Display display);
    // `scenario` carries the name to save it under; replace: the user agreed to overwrite.
    void saveRequested(const routescope::Scenario& scenario, bool replace);
    void deleteRequested(const QString& name);
    void retrainRequested(const routescope::Scenario& scenario);

private:
    void askToSave();
    void refreshButtons();

    QString experiment_;
    std::vector<Scenario> saved_;
    bool writable_ = true;
    ScenarioModel* model_ = nullptr;
    QComboBox* chosen_ = nullptr;
    QComboBox* display_ = nullptr;
    QTableView* table_ = nullptr;
    QPushButton* save_ = nullptr;
    QPushButton* delete_ = nullptr;
    QPushButton* reset_ = nullptr;
    QPushButton* retrain_ = nullptr;
    QLabel* status_ = nullptr;
};

} // namespace routescope
