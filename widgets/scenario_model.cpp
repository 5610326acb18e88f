#include "scenario_model.h"

#include "util/number_text.h"

#include <QColor>
#include <QFont>

#include <stdexcept>

namespace routescope {

namespace {

// USD per 1,000 queries: RouterBench's per-query costs read as 0.235 rather than 0.000235.
QString dollars(double perQuery) { return QString::number(perQuery * 1000, 'g', 3); }

QString shortNumber(double value) { return QString::number(value, 'g', 6); }

} // namespace

ScenarioModel::ScenarioModel(QObject* parent) : QAbstractTableModel(parent) {}

void ScenarioModel::setRows(std::vector<ScenarioModelRow> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    scenario_ = {};
    scenarioCosts_.assign(rows_.size(), std::nullopt);
    endResetModel();
}

void ScenarioModel::setScenario(const Scenario& scenario)
{
    beginResetModel();
    scenario_ = scenario;
    scenarioCosts_.assign(rows_.size(), std::nullopt);
    endResetModel();
}

void ScenarioModel::setScenarioCosts(const std::vector<std::optional<double>>& costs)
{
    scenarioCosts_ = costs;
    scenarioCosts_.resize(rows_.size());
    if (!rows_.empty())
        emit dataChanged(index(0, MeanCost), index(int(rows_.size()) - 1, MeanCost));
}

int ScenarioModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ScenarioModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

std::vector<std::string> ScenarioModel::names() const
{
    std::vector<std::string> names;
    for (const auto& r : rows_)
        names.push_back(r.name);
    return names;
}

std::optional<double> ScenarioModel::shownPrice(std::size_t row, bool input) const
{
    const auto& r = rows_[row];
    if (const auto it = scenario_.prices.find(r.name); it != scenario_.prices.end())
        return input ? it->second.input : it->second.output;
    const auto price = input ? r.inputPrice : r.outputPrice;
    if (const auto f = scenario_.factors.find(r.name); price && f != scenario_.factors.end())
        return *price * f->second;
    return price;
}

QVariant ScenarioModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(rows_.size()))
        return {};
    const std::size_t row = std::size_t(index.row());
    const auto& r = rows_[row];
    const bool inPool = !scenario_.dropped.count(r.name);
    const bool priced = scenario_.prices.count(r.name) > 0;
    const auto factor = scenario_.factors.find(r.name);
    switch (index.column()) {
    case Model:
        if (role == Qt::DisplayRole)
            return QString::fromStdString(r.name).section('/', -1); // as the plots label models
        if (role == Qt::CheckStateRole)
            return inPool ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("%1\nTicked: the routers may choose it; unticked: it leaves the pool").arg(QString::fromStdString(r.name));
        break;
    case InputPrice:
    case OutputPrice: {
        const auto price = shownPrice(row, index.column() == InputPrice);
        if (role == Qt::DisplayRole)
            return price ? shortNumber(*price) : QStringLiteral("-");
        if (role == Qt::EditRole)
            return price ? shortNumber(*price) : QString();
        if (role == Qt::FontRole && priced) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role == Qt::ToolTipRole)
            return r.tokenCounts ? tr("USD per 1M tokens; type new prices to price every query from its token counts")
                                 : tr("This dataset has no token counts for every query of this model: change its "
                                      "price by a factor instead");
        break;
    }
    case Factor:
        if (role == Qt::DisplayRole)
            return priced ? tr("per token") : QStringLiteral("x") + shortNumber(factor != scenario_.factors.end() ? factor->second : 1.0);
        if (role == Qt::EditRole)
            return shortNumber(factor != scenario_.factors.end() ? factor->second : 1.0);
        if (role == Qt::FontRole && factor != scenario_.factors.end()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role == Qt::ToolTipRole)
            return tr("Every cost of this model times this factor (0.1: a tenth of its price)");
        break;
    case MeanCost:
        if (role == Qt::DisplayRole) {
            const auto& now = scenarioCosts_[row];
            if (!inPool)
                return dollars(r.meanCost) + tr(" (out)");
            return now && std::abs(*now - r.meanCost) > 1e-12 * r.meanCost ? dollars(r.meanCost) + QStringLiteral(" \u2192 ") + dollars(*now)
                                                                             : dollars(r.meanCost);
        }
        if (role == Qt::ToolTipRole)
            return tr("Mean cost in USD of 1,000 test queries at the training prices, and under the scenario");
        break;
    default:
        break;
    }
    if (role == Qt::ForegroundRole && !inPool)
        return QColor(150, 150, 150);
    if (role == Qt::TextAlignmentRole && index.column() != Model)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ScenarioModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Model:
        return tr("Model (in pool)");
    case InputPrice:
        return tr("In $/1M");
    case OutputPrice:
        return tr("Out $/1M");
    case Factor:
        return tr("Factor");
    case MeanCost:
        return tr("$/1k queries");
    default:
        return {};
    }
}

Qt::ItemFlags ScenarioModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const auto& r = rows_[std::size_t(index.row())];
    if (index.column() == Model)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == Factor || ((index.column() == InputPrice || index.column() == OutputPrice) && r.tokenCounts))
        f |= Qt::ItemIsEditable;
    return f;
}

bool ScenarioModel::tryScenario(Scenario changed)
{
    try {
        checkScenario(changed, names());
    } catch (const std::invalid_argument& e) {
        emit editRefused(QString::fromStdString(e.what()));
        return false;
    }
    beginResetModel();
    changed.name.clear(); // an edited scenario is no longer the saved one
    scenario_ = std::move(changed);
    endResetModel();
    emit scenarioEdited();
    return true;
}

bool ScenarioModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= int(rows_.size()))
        return false;
    const std::size_t row = std::size_t(index.row());
    const std::string& name = rows_[row].name;
    Scenario changed = scenario_;
    if (index.column() == Model && role == Qt::CheckStateRole) {
        if (value.toInt() == Qt::Checked)
            changed.dropped.erase(name);
        else
            changed.dropped.insert(name);
        return tryScenario(std::move(changed));
    }
    if (role != Qt::EditRole)
        return false;
    const std::string text = value.toString().trimmed().toStdString();
    const auto number = parseDecimal(text);
    if (!number) {
        emit editRefused(tr("'%1' is not a number").arg(QString::fromStdString(text)));
        return false;
    }
    if (index.column() == Factor) {
        changed.prices.erase(name);
        if (*number == 1)
            changed.factors.erase(name);
        else
            changed.factors[name] = *number;
        return tryScenario(std::move(changed));
    }
    if (index.column() == InputPrice || index.column() == OutputPrice) {
        TokenPrices prices{shownPrice(row, true).value_or(0), shownPrice(row, false).value_or(0)};
        (index.column() == InputPrice ? prices.input : prices.output) = *number;
        changed.factors.erase(name);
        const auto& r = rows_[row];
        if (r.inputPrice && r.outputPrice && prices == TokenPrices{*r.inputPrice, *r.outputPrice})
            changed.prices.erase(name); // back at the dataset's prices
        else
            changed.prices[name] = prices;
        return tryScenario(std::move(changed));
    }
    return false;
}

} // namespace routescope
