#include "experiment_card.h"

#include "experiment_list.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace routescope {

ExperimentCard::ExperimentCard(QWidget* parent) : QGroupBox(parent)
{
    auto* layout = new QVBoxLayout(this);
    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form_);
    copy_ = new QPushButton(tr("Copy to form"), this);
    copy_->setToolTip(tr("Set the form below to this experiment's dataset, split, routers and seeds"));
    layout->addWidget(copy_, 0, Qt::AlignRight);
    connect(copy_, &QPushButton::clicked, this, &ExperimentCard::copyRequested);
    clear();
}

void ExperimentCard::setRows(const QString& title, const std::vector<std::pair<QString, QString>>& rows)
{
    setTitle(title);
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    for (const auto& [name, value] : rows) {
        auto* label = new QLabel(value, this);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form_->addRow(name, label);
    }
}

void ExperimentCard::setExperiment(const SavedExperiment& e, const std::map<std::int64_t, QString>& datasetNames)
{
    QStringList routers;
    for (const auto& r : e.routerNames)
        routers << QString::fromStdString(r);
    const auto dataset = datasetNames.find(e.trainDatasetId);
    setRows(tr("On screen: %1").arg(QString::fromStdString(e.label)),
            {{tr("Dataset"), dataset == datasetNames.end() ? tr("(removed)") : dataset->second},
             {tr("Split"), describeSplit(e, datasetNames)},
             {tr("Routers"), routers.join(", ")},
             {tr("Seeds"), describeSeeds(e)},
             {tr("Features"), e.features == "embeddings" ? tr("the dataset's embeddings") : tr("text (TF-IDF, SVD)")},
             {tr("Trained"), tr("%1 UTC").arg(QString::fromStdString(e.createdAt))}});
    copy_->setVisible(true);
}

void ExperimentCard::setTraining(std::int64_t trainDatasetId, std::optional<std::int64_t> testDatasetId,
                                 const ExperimentSpec& spec, const std::map<std::int64_t, QString>& datasetNames,
                                 const QString& scenario)
{
    SavedExperiment training; // described as a saved experiment is
    training.testDatasetId = testDatasetId;
    training.trainFraction = spec.trainFraction;
    training.heldOutTask = spec.heldOutTask;
    const auto dataset = datasetNames.find(trainDatasetId);
    training_ = {{tr("Dataset"), dataset == datasetNames.end() ? tr("(removed)") : dataset->second},
                 {tr("Split"), describeSplit(training, datasetNames)}};
    if (!scenario.isEmpty())
        training_.emplace_back(tr("Scenario"), scenario);
    trainingRouters_ = int(spec.routers.size());
    setTrainingProgress(0);
}

void ExperimentCard::setTrainingProgress(int routersDone)
{
    auto rows = training_;
    rows.emplace_back(tr("Results"), tr("partial: %1 of %2 routers of the first seed").arg(routersDone).arg(trainingRouters_));
    setRows(tr("On screen: the experiment training now"), rows);
    copy_->setVisible(false);
}

void ExperimentCard::clear()
{
    setRows(tr("On screen: no experiment"), {});
    copy_->setVisible(false);
}

QString ExperimentCard::text() const
{
    QStringList lines{title()};
    for (int row = 0; row < form_->rowCount(); ++row) {
        auto* name = qobject_cast<QLabel*>(form_->itemAt(row, QFormLayout::LabelRole)->widget());
        auto* value = qobject_cast<QLabel*>(form_->itemAt(row, QFormLayout::FieldRole)->widget());
        if (name && value)
            lines << name->text() + ": " + value->text();
    }
    return lines.join('\n');
}

} // namespace routescope
