#include "training_panel.h"

#include "routers/router_factory.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <cmath>

namespace routescope {

namespace {

// Ticked at start: a neighbour method, a regression network and EquiRouter, the collapse and its cure.
const char* const kDefaultRouters[] = {"knn", "mlp", "equirouter"};
// Listed besides each kind's defaults: the judge error rates RouterBench sweeps its cascades over.
const char* const kMoreRouters[] = {"cascade:error=0.1", "cascade:error=0.2"};

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    dataset_ = new QComboBox(this);
    split_ = new QComboBox(this);
    split_->setObjectName("split");
    seeds_ = new QLineEdit("0", this);
    seeds_->setObjectName("seeds");
    seeds_->setToolTip(tr("Seeds, separated by commas: each trains and evaluates the routers again on its own split"));
    policy_ = new QComboBox(this);
    policy_->addItem(tr("Cost threshold"), int(BudgetPolicy::CostThreshold));
    policy_->addItem(tr("Willingness to pay"), int(BudgetPolicy::WillingnessToPay));
    form->addRow(tr("Dataset"), dataset_);
    form->addRow(tr("Split"), split_);
    form->addRow(tr("Seeds"), seeds_);
    form->addRow(tr("Budget policy"), policy_);
    layout->addWidget(new QLabel(tr("<b>New experiment</b>"), this));
    layout->addLayout(form);

    auto* routerBox = new QGroupBox(tr("Routers (double-click to edit settings, e.g. knn:k=20)"), this);
    auto* routerLayout = new QVBoxLayout(routerBox);
    routers_ = new QListWidget(routerBox);
    routers_->setToolTip(tr("The oracle and the single models are always shown"));
    for (const auto& kind : learnedRouterKinds())
        addRouterItem(QString::fromStdString(kind));
    for (const char* spec : kMoreRouters)
        addRouterItem(spec);
    setRouters({kDefaultRouters[0], kDefaultRouters[1], kDefaultRouters[2]});
    routerLayout->addWidget(routers_);
    layout->addWidget(routerBox, 1);

    auto* buttons = new QHBoxLayout;
    train_ = new QPushButton(tr("Train"), this);
    train_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    buttons->addWidget(train_);
    buttons->addWidget(cancel_);
    layout->addLayout(buttons);

    seedLabel_ = new QLabel(this);
    layout->addWidget(seedLabel_);
    progressLayout_ = new QVBoxLayout;
    layout->addLayout(progressLayout_);

    connect(train_, &QPushButton::clicked, this, &TrainingPanel::trainRequested);
    connect(cancel_, &QPushButton::clicked, this, &TrainingPanel::cancelRequested);
    connect(dataset_, &QComboBox::currentIndexChanged, this, &TrainingPanel::refreshSplits);
    connect(policy_, &QComboBox::currentIndexChanged, this, [this] { emit policyChanged(policy()); });
}

QListWidgetItem* TrainingPanel::addRouterItem(const QString& spec)
{
    auto* item = new QListWidgetItem(spec, routers_);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
    item->setCheckState(Qt::Unchecked);
    return item;
}

void TrainingPanel::setRouters(const QStringList& specs)
{
    // Each spec ticks the item of the same text, else takes over an unticked item of its kind
    // (so "knn:k=20" edits the knn item), else gets an item of its own.
    std::vector<bool> ticked(std::size_t(routers_->count()), false);
    auto find = [&](const QString& spec, bool sameText) {
        for (int i = 0; i < routers_->count(); ++i) {
            const QString text = routers_->item(i)->text();
            if (!ticked[std::size_t(i)] && (sameText ? text == spec : text.section(':', 0, 0) == spec.section(':', 0, 0)))
                return i;
        }
        return -1;
    };
    for (const auto& spec : specs) {
        int i = find(spec, true);
        if (i < 0)
            i = find(spec, false);
        if (i < 0) {
            addRouterItem(spec);
            ticked.push_back(false);
            i = routers_->count() - 1;
        }
        routers_->item(i)->setText(spec);
        ticked[std::size_t(i)] = true;
    }
    for (int i = 0; i < routers_->count(); ++i)
        routers_->item(i)->setCheckState(ticked[std::size_t(i)] ? Qt::Checked : Qt::Unchecked);
}

void TrainingPanel::setDatasets(const std::vector<DatasetSummary>& datasets,
                                const std::function<std::vector<std::string>(std::int64_t)>& tasksOf)
{
    const auto previous = datasetId();
    datasets_ = datasets;
    tasksOf_ = tasksOf;
    const QSignalBlocker block(dataset_);
    dataset_->clear();
    for (const auto& d : datasets)
        dataset_->addItem(tr("%1 (%2 queries, %3 models)").arg(QString::fromStdString(d.name)).arg(d.queries).arg(d.models.size()),
                          qint64(d.id));
    if (previous)
        dataset_->setCurrentIndex(std::max(0, dataset_->findData(qint64(*previous))));
    refreshSplits();
}

// Split choices are stored in the combo's item data as "in:0.7", "ood:TASK" or "test:ID".
void TrainingPanel::refreshSplits()
{
    const QString previous = split_->currentData().toString();
    split_->clear();
    const auto id = datasetId();
    if (!id)
        return;
    split_->addItem(tr("In-domain 70 / 30 per task (RouterBench)"), "in:0.7");
    split_->addItem(tr("In-domain 20 / 80 per task (paper)"), "in:0.2");
    if (tasksOf_) {
        const auto tasks = tasksOf_(*id);
        if (tasks.size() > 1)
            for (const auto& task : tasks)
                split_->addItem(tr("Out-of-domain: leave out %1").arg(QString::fromStdString(task)),
                                "ood:" + QString::fromStdString(task));
    }
    const DatasetSummary* current = nullptr;
    for (const auto& d : datasets_)
        if (d.id == *id)
            current = &d;
    for (const auto& d : datasets_)
        if (current && d.id != *id && d.models.size() == current->models.size())
            split_->addItem(tr("Test on dataset %1").arg(QString::fromStdString(d.name)), "test:" + QString::number(d.id));
    if (!previous.isEmpty())
        chooseSplit(previous);
}

void TrainingPanel::chooseSplit(const QString& split)
{
    if (split_->findData(split) < 0 && split.startsWith("in:")) {
        const int train = int(std::lround(100 * split.mid(3).toDouble()));
        split_->addItem(tr("In-domain %1 / %2 per task").arg(train).arg(100 - train), split);
    }
    if (const int index = split_->findData(split); index >= 0)
        split_->setCurrentIndex(index);
}

std::optional<std::int64_t> TrainingPanel::datasetId() const
{
    if (dataset_->currentIndex() < 0)
        return std::nullopt;
    return dataset_->currentData().toLongLong();
}

std::optional<std::int64_t> TrainingPanel::testDatasetId() const
{
    const QString split = split_->currentData().toString();
    if (split.startsWith("test:"))
        return split.mid(5).toLongLong();
    return std::nullopt;
}

BudgetPolicy TrainingPanel::policy() const { return static_cast<BudgetPolicy>(policy_->currentData().toInt()); }

ExperimentSpec TrainingPanel::spec() const
{
    ExperimentSpec spec;
    for (int i = 0; i < routers_->count(); ++i)
        if (routers_->item(i)->checkState() == Qt::Checked)
            spec.routers.push_back(parseRouterSpec(routers_->item(i)->text().trimmed().toStdString()));
    if (spec.routers.empty())
        throw std::invalid_argument(tr("Tick at least one router to train.").toStdString());
    spec.seeds.clear();
    for (const auto& part : seeds_->text().split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const auto seed = part.trimmed().toULongLong(&ok);
        if (!ok)
            throw std::invalid_argument(tr("Seeds are whole numbers separated by commas, not '%1'.")
                                            .arg(seeds_->text()).toStdString());
        spec.seeds.push_back(seed);
    }
    if (spec.seeds.empty())
        spec.seeds = {0};
    const QString split = split_->currentData().toString();
    if (split.startsWith("in:"))
        spec.trainFraction = split.mid(3).toDouble();
    else if (split.startsWith("ood:"))
        spec.heldOutTask = split.mid(4).toStdString();
    return spec;
}

TrainingRequest TrainingPanel::request() const
{
    TrainingRequest request;
    request.spec = spec();
    request.trainDatasetId = datasetId().value_or(0);
    request.testDatasetId = testDatasetId();
    request.policy = policy();
    return request;
}

void TrainingPanel::setSettings(const SavedExperiment& experiment)
{
    const int dataset = dataset_->findData(qint64(experiment.trainDatasetId));
    if (dataset >= 0)
        dataset_->setCurrentIndex(dataset);
    QString split = "in:" + QString::number(experiment.trainFraction);
    if (experiment.testDatasetId)
        split = "test:" + QString::number(*experiment.testDatasetId);
    else if (!experiment.heldOutTask.empty())
        split = "ood:" + QString::fromStdString(experiment.heldOutTask);
    chooseSplit(split);
    QStringList routers;
    for (const auto& r : experiment.routerNames)
        routers << QString::fromStdString(r);
    setRouters(routers);
    QStringList seeds;
    for (const auto seed : experiment.seeds)
        seeds << QString::number(seed);
    seeds_->setText(seeds.join(","));
}

void TrainingPanel::setTraining(bool training, const std::vector<RouterSpec>& routers, std::size_t seeds,
                                std::shared_ptr<std::vector<std::atomic<bool>>> skips)
{
    train_->setEnabled(!training);
    cancel_->setEnabled(training);
    if (!training) {
        seedLabel_->clear();
        for (auto* row : progressRows_) // nothing left to skip
            for (auto* skip : row->findChildren<QPushButton*>())
                skip->setEnabled(false);
        return;
    }
    clearProgress();
    seedCount_ = seeds;
    for (std::size_t i = 0; i < routers.size(); ++i) {
        auto* row = new QWidget(this);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* bar = new QProgressBar(row);
        bar->setRange(0, 1000);
        bar->setValue(0);
        bar->setFormat(QString::fromStdString(routers[i].name) + "  %p%");
        rowLayout->addWidget(bar, 1);
        if (skips && i < skips->size()) {
            auto* skip = new QPushButton(tr("Skip"), row);
            skip->setToolTip(tr("Stop training this router and leave it out; the others go on"));
            connect(skip, &QPushButton::clicked, this, [skips, i, bar, skip] {
                (*skips)[i] = true;
                bar->setFormat(bar->format().section("  ", 0, 0) + tr("  skipped"));
                skip->setEnabled(false);
            });
            rowLayout->addWidget(skip);
        }
        progressLayout_->addWidget(row);
        progressRows_.push_back(row);
        progress_.push_back(bar);
    }
    seedLabel_->setText(tr("Training seed 1 of %1...").arg(seeds));
}

void TrainingPanel::clearProgress()
{
    for (auto* row : progressRows_)
        delete row;
    progressRows_.clear();
    progress_.clear();
}

void TrainingPanel::showRouterProgress(int seed, int router, double fraction)
{
    if (router < 0 || std::size_t(router) >= progress_.size())
        return;
    seedLabel_->setText(tr("Training seed %1 of %2...").arg(seed + 1).arg(seedCount_));
    progress_[std::size_t(router)]->setValue(int(1000 * fraction));
}

} // namespace routescope
