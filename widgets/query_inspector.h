#pragma once
// The test queries of one experiment run in a filterable table (text, task, each model's score
// and cost); for the selected query, each router's ranking of the models (a column per router,
// its predicted quality, or score for routers that only rank) and its choice at the slider's
// budget. A new prompt typed in is featurized and ranked by every trained router in the
// background (core's rankQuery), and shown when done.

#include "data/outcome_matrix.h"
#include "evaluation/budget_policy.h"
#include "experiment/experiment.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTableWidget;

namespace routescope {

class TestQueryModel;

class QueryInspector : public QWidget {
    Q_OBJECT
public:
    explicit QueryInspector(QWidget* parent = nullptr);

    // testData: the dataset the run's test rows index into.
    void setRun(std::shared_ptr<const OutcomeMatrix> testData, std::shared_ptr<const std::vector<ExperimentRun>> runs,
                std::size_t seedIndex, BudgetPolicy policy);
    void setBudget(double budget);
    void clearRun();

    // Selects the test query at `row` of the (unfiltered) table.
    void selectQuery(int row);
    // Starts ranking `prompt` with every trained router; promptRanked() follows. Returns false
    // (and says why) when it cannot start.
    bool rankPrompt(const QString& prompt);
    int visibleQueries() const;
    void setFilter(const QString& text);
    QTableWidget* rankingTable() const { return ranking_; }
    TestQueryModel* queryModel() const { return model_; }

signals:
    // ok: the ranking is shown; otherwise message says why not.
    void promptRanked(bool ok, const QString& message);

private:
    void showRankings(const Eigen::MatrixXd& qualityPerRouter, const Eigen::RowVectorXd& predictedCost,
                      const std::optional<Eigen::RowVectorXd>& trueScores);
    void showSelected();
    const ExperimentRun* run() const;

    std::shared_ptr<const OutcomeMatrix> data_;
    std::shared_ptr<const std::vector<ExperimentRun>> runs_;
    std::size_t seedIndex_ = 0;
    BudgetPolicy policy_ = BudgetPolicy::CostThreshold;
    double budget_ = 0;
    int selectedRow_ = -1;

    QLineEdit* filter_ = nullptr;
    TestQueryModel* model_ = nullptr;
    int rankGeneration_ = 0; // a newer prompt or run drops an older prompt's ranking
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* queries_ = nullptr;
    QLabel* heading_ = nullptr;
    QTableWidget* ranking_ = nullptr;
    QLabel* scoreNote_ = nullptr;
    QSplitter* split_ = nullptr;
    QLineEdit* prompt_ = nullptr;
    QPushButton* rank_ = nullptr;
};

} // namespace routescope
