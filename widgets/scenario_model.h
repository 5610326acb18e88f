#pragma once
// The Scenario panel's table as an item model: one row per model of the experiment, with a tick
// for the pool, its prices per 1M input and output tokens (the dataset's, or new ones in bold),
// its price factor, and its mean cost per query at the training prices and under the scenario.
// Edits change a Scenario (scenario/scenario.h), checked as the CLI checks it; a refused edit
// changes nothing and says why.

#include "scenario/scenario.h"

#include <QAbstractTableModel>

#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct ScenarioModelRow {
    std::string name;
    std::optional<double> inputPrice;  // the dataset's, USD per 1M tokens
    std::optional<double> outputPrice;
    bool tokenCounts = false; // every query has them: new prices per token can apply
    double meanCost = 0;      // per query, at the training prices (test rows)
};

class ScenarioModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Model, InputPrice, OutputPrice, Factor, MeanCost, ColumnCount };

    explicit ScenarioModel(QObject* parent = nullptr);

    void setRows(std::vector<ScenarioModelRow> rows);
    const std::vector<ScenarioModelRow>& rows() const { return rows_; }
    // Shows `scenario` (its models must be among the rows) without emitting scenarioEdited().
    void setScenario(const Scenario& scenario);
    const Scenario& scenario() const { return scenario_; }
    // Mean cost per query under the scenario, per row (empty: not known yet, or out of the pool).
    void setScenarioCosts(const std::vector<std::optional<double>>& costs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void scenarioEdited();
    void editRefused(const QString& why);

private:
    std::vector<std::string> names() const;
    // Applies `changed` when checkScenario accepts it; otherwise emits editRefused.
    bool tryScenario(Scenario changed);
    std::optional<double> shownPrice(std::size_t row, bool input) const;

    std::vector<ScenarioModelRow> rows_;
    std::vector<std::optional<double>> scenarioCosts_;
    Scenario scenario_;
};

} // namespace routescope
