#include "query_inspector.h"

#include "experiment/rank_query.h"
#include "routers/router_factory.h"
#include "test_query_model.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QPointer>
#include <QThreadPool>
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
    split_ = new QSplitter(Qt::Horizontal, this);
    QSplitter* split = split_;
    split->setChildrenCollapsible(false);
    layout->addWidget(split);

    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    filter_ = new QLineEdit(left);
    filter_->setPlaceholderText(tr("Filter test queries by text, task or id..."));
    filter_->setClearButtonEnabled(true);
    model_ = new TestQueryModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole); // scores sort as numbers
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
    // One line per query, so that a short tab shows many (the text's tooltip has it whole).
    queries_->setWordWrap(false);
    queries_->verticalHeader()->setDefaultSectionSize(queries_->fontMetrics().height() + 6);
    queries_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
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
    heading_->setMaximumHeight(2 * heading_->fontMetrics().lineSpacing() + 4); // the query table has the rest
    // One column per router, its choice at the budget on top and every model below, best first:
    // narrow enough that the whole ranking shows beside the queries at 1280 pixels.
    ranking_ = new QTableWidget(right);
    ranking_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    ranking_->setSelectionMode(QAbstractItemView::NoSelection);
    ranking_->verticalHeader()->setDefaultSectionSize(ranking_->fontMetrics().height() + 4);
    ranking_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    ranking_->setWordWrap(false);
    ranking_->setTextElideMode(Qt::ElideMiddle); // a long model name gives way, its value stays
    scoreNote_ = new QLabel(right);
    scoreNote_->setWordWrap(true);
    scoreNote_->hide();
    rightLayout->addLayout(promptRow);
    rightLayout->addWidget(heading_);
    rightLayout->addWidget(ranking_, 1);
    rightLayout->addWidget(scoreNote_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

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
    ++rankGeneration_;
    model_->setRun(nullptr, nullptr, 0);
    ranking_->setRowCount(0);
    ranking_->setColumnCount(0);
    scoreNote_->hide();
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
    model_->setRun(data_, runs_, seedIndex_);
    queries_->setColumnWidth(0, 70);
    queries_->setColumnWidth(1, 70);
    queries_->setColumnWidth(2, 320);
    const bool trained = !r->routers.empty() && !r->routers.front().router.empty() && r->textFeatures && !r->pipeline.empty();
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
    const QString text = QString::fromStdString(q.text).simplified();
    heading_->setText(tr("<b>%1</b> (%2): %3").arg(QString::fromStdString(q.sampleId).toHtmlEscaped(),
                                                     QString::fromStdString(q.task).toHtmlEscaped(),
                                                     (text.size() > 100 ? text.left(100) + QStringLiteral("...") : text).toHtmlEscaped()));
    heading_->setToolTip(text.left(2000));
    Eigen::MatrixXd quality(Eigen::Index(r->routers.size()), r->trueScores.cols());
    for (std::size_t k = 0; k < r->routers.size(); ++k)
        quality.row(Eigen::Index(k)) = r->routers[k].predictedQuality.row(selectedRow_);
    showRankings(quality, r->predictedCost.row(selectedRow_), Eigen::RowVectorXd(r->trueScores.row(selectedRow_)));
}

bool QueryInspector::rankPrompt(const QString& prompt)
{
    if (!run() || prompt.trimmed().isEmpty() || !prompt_->isEnabled())
        return false;
    const int generation = ++rankGeneration_;
    heading_->setText(tr("Ranking the typed prompt..."));
    rank_->setEnabled(false);
    // The featurizer and every router predict off the GUI thread; the runs stay alive with the job.
    QPointer<QueryInspector> self(this);
    QThreadPool::globalInstance()->start([self, generation, runs = runs_, seed = seedIndex_, text = prompt.toStdString()] {
        std::optional<QueryRanking> ranking;
        QString error;
        try {
            ranking = rankQuery((*runs)[seed], text);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, generation, ranking, error, text] {
            if (!self || generation != self->rankGeneration_)
                return;
            self->rank_->setEnabled(true);
            if (!ranking) {
                self->heading_->setText(tr("Cannot rank the prompt: %1").arg(error.toHtmlEscaped()));
                emit self->promptRanked(false, error);
                return;
            }
            self->heading_->setText(tr("<b>Typed prompt</b>: %1")
                                        .arg(QString::fromStdString(text).simplified().left(400).toHtmlEscaped()));
            self->showRankings(ranking->quality, ranking->predictedCost, std::nullopt);
            emit self->promptRanked(true, {});
        }, Qt::QueuedConnection);
    });
    return true;
}

void QueryInspector::showRankings(const Eigen::MatrixXd& qualityPerRouter, const Eigen::RowVectorXd& predictedCost,
                                  const std::optional<Eigen::RowVectorXd>& trueScores)
{
    const ExperimentRun* r = run();
    const auto models = qualityPerRouter.cols();
    const int offset = trueScores ? 1 : 0;
    ranking_->clear();
    ranking_->setColumnCount(int(qualityPerRouter.rows()) + offset);
    ranking_->setRowCount(int(models) + 1);
    QStringList rows{tr("choice")};
    for (Eigen::Index rank = 1; rank <= models; ++rank)
        rows << QString::number(rank);
    ranking_->setVerticalHeaderLabels(rows);
    // One router's column: its choice at the slider's budget, then the models best first.
    auto fill = [&](int column, const QString& router, const Eigen::RowVectorXd& p, const Eigen::RowVectorXd& c, bool scores) {
        auto* header = new QTableWidgetItem(router + (scores ? tr(" (score)") : QString()));
        header->setToolTip(scores ? tr("%1 predicts ranking scores: only their order within a query means something, "
                                       "they are not probabilities of a good answer").arg(router)
                                  : tr("%1: predicted quality (expected score, 0 to 1)").arg(router));
        ranking_->setHorizontalHeaderItem(column, header);
        std::vector<Eigen::Index> order(static_cast<std::size_t>(models));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p(a) > p(b) || (p(a) == p(b) && c(a) < c(b)); });
        const Eigen::Index choice = chooseModels(policy_, p, c, budget_)(0);
        auto put = [&](int row, Eigen::Index m, bool withValue) {
            const QString name = shortName(data_->models[std::size_t(m)].name);
            auto* cell = new QTableWidgetItem(withValue ? QStringLiteral("%1  %2").arg(name).arg(p(m), 0, 'f', scores ? 2 : 3) : name);
            cell->setData(Qt::UserRole, name);
            cell->setToolTip(QString::fromStdString(data_->models[std::size_t(m)].name) +
                             (withValue ? (scores ? tr(", score %1") : tr(", predicted quality %1")).arg(p(m), 0, 'g', 4) : QString()));
            if (m == choice) {
                QFont bold = cell->font();
                bold.setBold(true);
                cell->setFont(bold);
            }
            ranking_->setItem(row, column, cell);
        };
        put(0, choice, false);
        for (std::size_t rank = 0; rank < order.size(); ++rank)
            put(int(rank) + 1, order[rank], true);
    };
    if (trueScores)
        fill(0, tr("oracle (true scores)"), *trueScores, r->trueCosts.row(selectedRow_), false);
    bool anyScores = false;
    for (Eigen::Index k = 0; k < qualityPerRouter.rows(); ++k) {
        const auto& trained = r->routers[std::size_t(k)];
        // A router of its kind and settings, untrained, says so: a reopened run's model may be unread yet.
        const bool scores = !trained.router.empty() && makeRouter(trained.spec.kind, trained.spec.settings)->predictsScores();
        anyScores |= scores;
        fill(int(k) + offset, QString::fromStdString(trained.spec.name), qualityPerRouter.row(k), predictedCost, scores);
    }
    scoreNote_->setText(tr("Predicted quality, 0 to 1; (score): ranking scores, only their order counts. "
                           "Bold: the choice at the slider's budget."));
    scoreNote_->setVisible(anyScores);
    ranking_->resizeColumnsToContents();
    for (int c = 0; c < ranking_->columnCount(); ++c)
        ranking_->setColumnWidth(c, std::min(ranking_->columnWidth(c), 24 * ranking_->fontMetrics().averageCharWidth()));
    // Widen the ranking's pane to show every column, while the queries keep a usable width.
    int needed = ranking_->verticalHeader()->sizeHint().width() + 2 * ranking_->frameWidth() +
                 ranking_->verticalScrollBar()->sizeHint().width();
    for (int c = 0; c < ranking_->columnCount(); ++c)
        needed += ranking_->columnWidth(c);
    const QList<int> sizes = split_->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (sizes.value(1) < needed && total > 0)
        split_->setSizes({std::max(total - needed, total * 3 / 10), std::min(needed, total * 7 / 10)});
}

} // namespace routescope
