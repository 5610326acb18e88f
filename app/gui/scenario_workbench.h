#pragma once
// The workbench's what-if scenarios, hooked onto the main window from outside it: the Scenario
// panel in a dock, re-evaluation in the background on every edit (ExperimentJobs, whose
// generation counter drops superseded results), the frontier's baseline overlay or a second
// frontier beside it at the training prices, the scenario named in every plot's title (and so in
// exported figures), saved scenarios in the project, and "Retrain under this scenario".

#include "scenario_panel.h"

#include <QObject>

namespace routescope {

class FrontierPlot;
class MainWindow;
struct WorkbenchResult;

class ScenarioWorkbench : public QObject {
    Q_OBJECT
public:
    explicit ScenarioWorkbench(MainWindow* window);

    FrontierPlot* baselineFrontier() const { return baselineFrontier_; }

private:
    void showResult();
    // The result left the screen (another project, its deletion, a new training): no scenario
    // views, no models listed.
    void reset();
    // Every plot the scenario drives names it in its title (none: "").
    void setCaptions(const QString& note);
    // The baseline overlay or second frontier, for a new result or display.
    void showBaseline();
    // Moves the second frontier's markers to the slider's budget: all a slider move changes here.
    void showBaselineBudget();
    void newExperiment(const WorkbenchResult& result);
    void reevaluate(const Scenario& scenario);
    void save(const Scenario& scenario, bool replace);
    void remove(const QString& name);
    void retrain(const Scenario& scenario);
    std::vector<Scenario> savedScenarios() const;

    MainWindow* window_;
    ScenarioPanel* panel_ = nullptr;
    FrontierPlot* baselineFrontier_ = nullptr;
    QString experiment_; // whose models the panel lists
};

} // namespace routescope
