#include "query_inspector.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace routescope {

namespace {

QString shortName(const std::string& model) { return QString::fromStdString(model).section('/', -1); }

} // namespace

QueryInspector::QueryInspector(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(split);

    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    filter_ = new QLineEdit(left);
    filter_->setPlaceholderText(tr("Filter test queries by text, task or id..."));
    filter_->setClearButtonEnabled(true);
    model_ = new QStandardItemModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    queries_ = new QTableView(left);
    queries_->setModel(proxy_);
    queries_->setSortingEnabled(true);
    queries_->setSelectionBehavior(QAbstractItemView::SelectRows);
    queries_->setSelectionMode(QAbstractItemView::SingleSelection);
    queries_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    queries_->verticalHeader()->hide();
    queries_->horizontalHeader()->setDefaultSectionSize(90);
    leftLayout->addWidget(filter_);
    leftLayout->addWidget(queries_);
    connect(filter_, &QLineEdit::textChanged, this, &QueryInspector::setFilter);

    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* promptRow = new QHBoxLayout;
    prompt_ = new QLineEdit(right);
    prompt_->setPlaceholderText(tr("Type a new prompt to see how each trained router ranks the models..."));
    rank_ = new QPushButton(tr("Rank"), right);
    promptRow->addWidget(prompt_, 1);
    promptRow->addWidget(rank_);
    heading_ = new QLabel(tr("Select a query"), right);
    heading_->setWordWrap(true);
    heading_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ranking_ = new QTableWidget(right);
    ranking_->setColumnCount(3);
    ranking_->setHorizontalHeaderLabels({tr("Router"), tr("Choice at this budget"), tr("Ranking (predicted quality)")});
    ranking_->horizontalHeader()->setStretchLastSection(true);
    ranking_->verticalHeader()->hide();
    ranking_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    rightLayout->addLayout(promptRow);
    rightLayout->addWidget(heading_);
    rightLayout->addWidget(ranking_, 1);
    split->setSizes({600, 500});

    connect(queries_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                selectedRow_ = current.isValid() ? proxy_->mapToSource(current).row() : -1;
                showSelected();
            });
    auto rank = [this] { rankPrompt(prompt_->text()); };
    connect(rank_, &QPushButton::clicked, this, rank);
    connect(prompt_, &QLineEdit::returnPressed, this, rank);
    clearRun();
}

const ExperimentRun* QueryInspector::run() const
{
    return runs_ && seedIndex_ < runs_->size() ? &(*runs_)[seedIndex_] : nullptr;
}

void QueryInspector::clearRun()
{
    data_.reset();
    runs_.reset();
    model_->clear();
    ranking_->setRowCount(0);
    selectedRow_ = -1;
    heading_->setText(tr("No results yet: train routers to inspect their decisions."));
    prompt_->setEnabled(false);
    rank_->setEnabled(false);
}

void QueryInspector::setRun(std::shared_ptr<const OutcomeMatrix> testData,
                            std::shared_ptr<const std::vector<ExperimentRun>> runs, std::size_t seedIndex,
                            BudgetPolicy policy)
{
    clearRun();
    data_ = std::move(testData);
    runs_ = std::move(runs);
    seedIndex_ = seedIndex;
    policy_ = policy;
    const ExperimentRun* r = run();
    if (!data_ || !r)
        return;
    QStringList headers{tr("Id"), tr("Task"), tr("Query")};
    for (const auto& m : data_->models)
        headers << shortName(m.name);
    model_->setHorizontalHeaderLabels(headers);
    for (std::size_t i = 0; i < r->testRows.size(); ++i) {
        const auto& q = data_->queries[std::size_t(r->testRows[i])];
        QList<QStandardItem*> row;
        row << new QStandardItem(QString::fromStdString(q.sampleId)) << new QStandardItem(QString::fromStdString(q.task));
        auto* text = new QStandardItem(QString::fromStdString(q.text).simplified().left(200));
        text->setToolTip(QString::fromStdString(q.text).left(2000));
        row << text;
        for (Eigen::Index m = 0; m < r->trueScores.cols(); ++m) {
            auto* cell = new QStandardItem(QStringLiteral("%1 · $%2")
                                               .arg(r->trueScores(Eigen::Index(i), m), 0, 'g', 3)
                                               .arg(r->trueCosts(Eigen::Index(i), m), 0, 'g', 3));
            cell->setData(r->trueScores(Eigen::Index(i), m), Qt::UserRole);
            row << cell;
        }
        model_->appendRow(row);
    }
    queries_->setColumnWidth(2, 320);
    const bool trained = !r->routers.empty() && r->routers.front().router && (r->textFeatures ? r->featurizer.fitted() : false);
    prompt_->setEnabled(trained);
    rank_->setEnabled(trained);
    prompt_->setToolTip(trained ? QString() : tr("Available once training has finished (and with text features)"));
    heading_->setText(tr("%1 test queries. Select one to see each router's ranking.").arg(r->testRows.size()));
}

void QueryInspector::setBudget(double budget)
{
    budget_ = budget;
    showSelected();
}

void QueryInspector::setFilter(const QString& text)
{
    if (filter_->text() != text)
        filter_->setText(text);
    proxy_->setFilterFixedString(text);
}

int QueryInspector::visibleQueries() const { return proxy_->rowCount(); }

void QueryInspector::selectQuery(int row)
{
    const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
    if (index.isValid())
        queries_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void QueryInspector::showSelected()
{
    const ExperimentRun* r = run();
    if (!r || selectedRow_ < 0 || std::size_t(selectedRow_) >= r->testRows.size())
        return;
    const auto& q = data_->queries[std::size_t(r->testRows[std::size_t(selectedRow_)])];
    heading_->setText(tr("<b>%1</b> (%2): %3").arg(QString::fromStdString(q.sampleId).toHtmlEscaped(),
                                                     QString::fromStdString(q.task).toHtmlEscaped(),
                                                     QString::fromStdString(q.text).simplified().left(400).toHtmlEscaped()));
    Eigen::MatrixXd quality(Eigen::Index(r->routers.size()), r->trueScores.cols());
    for (std::size_t k = 0; k < r->routers.size(); ++k)
        quality.row(Eigen::Index(k)) = r->routers[k].predictedQuality.row(selectedRow_);
    showRankings(quality, r->predictedCost.row(selectedRow_), Eigen::RowVectorXd(r->trueScores.row(selectedRow_)));
}

bool QueryInspector::rankPrompt(const QString& prompt)
{
    const ExperimentRun* r = run();
    if (!r || prompt.trimmed().isEmpty() || !prompt_->isEnabled())
        return false;
    const std::string text = prompt.toStdString();
    const FeatureMatrix features = r->featurizer.transform({text});
    Eigen::MatrixXd quality(Eigen::Index(r->routers.size()), r->trueScores.cols());
    for (std::size_t k = 0; k < r->routers.size(); ++k)
        quality.row(Eigen::Index(k)) = r->routers[k].router->predictQuality(features).row(0);
    // An unseen task: the cost model falls back to its pooled intercept.
    const Eigen::MatrixXd cost = r->costModel.predict({QueryInfo{"typed", text, ""}});
    heading_->setText(tr("<b>Typed prompt</b>: %1").arg(prompt.simplified().left(400).toHtmlEscaped()));
    showRankings(quality, cost.row(0), std::nullopt);
    return true;
}

void QueryInspector::showRankings(const Eigen::MatrixXd& qualityPerRouter, const Eigen::RowVectorXd& predictedCost,
                                  const std::optional<Eigen::RowVectorXd>& trueScores)
{
    const ExperimentRun* r = run();
    const auto models = qualityPerRouter.cols();
    ranking_->setRowCount(int(qualityPerRouter.rows()) + (trueScores ? 1 : 0));
    auto put = [this](int row, int column, const QString& text) {
        auto* cell = new QTableWidgetItem(text);
        cell->setToolTip(text);
        ranking_->setItem(row, column, cell);
    };
    auto describe = [&](const Eigen::RowVectorXd& p, const Eigen::RowVectorXd& c) {
        std::vector<Eigen::Index> order(static_cast<std::size_t>(models));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p(a) > p(b) || (p(a) == p(b) && c(a) < c(b)); });
        QStringList parts;
        for (auto m : order)
            parts << QStringLiteral("%1 (%2)").arg(shortName(data_->models[std::size_t(m)].name)).arg(p(m), 0, 'f', 3);
        const Eigen::VectorXi choice = chooseModels(policy_, p, c, budget_);
        return std::pair{shortName(data_->models[std::size_t(choice(0))].name), parts.join(QStringLiteral(" > "))};
    };
    int row = 0;
    if (trueScores) {
        const Eigen::RowVectorXd trueCost = r->trueCosts.row(selectedRow_);
        const auto [choice, ranking] = describe(*trueScores, trueCost);
        put(row, 0, tr("oracle (true scores)"));
        put(row, 1, choice);
        put(row, 2, ranking);
        ++row;
    }
    for (Eigen::Index k = 0; k < qualityPerRouter.rows(); ++k, ++row) {
        const auto [choice, ranking] = describe(qualityPerRouter.row(k), predictedCost);
        put(row, 0, QString::fromStdString(r->routers[std::size_t(k)].spec.name));
        put(row, 1, choice);
        put(row, 2, ranking);
    }
    ranking_->resizeColumnToContents(0);
    ranking_->resizeColumnToContents(1);
}

} // namespace routescope
