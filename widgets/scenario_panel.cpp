#include "scenario_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace routescope {

QString scenarioCaption(const Scenario& scenario)
{
    if (scenario.isBaseline())
        return {};
    QString what = QString::fromStdString(describeScenario(scenario));
    const QString head = scenario.name.empty() ? QObject::tr("scenario: ")
                                               : QObject::tr("scenario %1: ").arg(QString::fromStdString(scenario.name));
    if (head.size() + what.size() <= 48)
        return head + what;
    what.replace(QStringLiteral("; "), QStringLiteral(";\n"));
    return head.trimmed() + QStringLiteral("\n") + what;
}

ScenarioPanel::ScenarioPanel(QWidget* parent) : QWidget(parent), model_(new ScenarioModel(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    chosen_ = new QComboBox(this);
    chosen_->setToolTip(tr("The experiment at its training prices, or a scenario saved with it"));
    save_ = new QPushButton(tr("Save..."), this);
    save_->setToolTip(tr("Save this scenario in the project, beside its experiment"));
    delete_ = new QPushButton(tr("Delete"), this);
    top->addWidget(new QLabel(tr("Scenario:"), this));
    top->addWidget(chosen_, 1);
    top->addWidget(save_);
    top->addWidget(delete_);
    layout->addLayout(top);

    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(ScenarioModel::Model, QHeaderView::Stretch); // names elide, costs stay whole
    table_->setWordWrap(false);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    table_->setToolTip(tr("Untick a model to take it out of the pool; double-click a factor or a price to change it. "
                          "The routers keep what they learned: nothing is retrained."));
    layout->addWidget(table_, 1);

    auto* bottom = new QHBoxLayout;
    display_ = new QComboBox(this);
    display_->addItems({tr("Scenario only"), tr("Overlaid on training prices"), tr("Side by side")});
    display_->setToolTip(tr("How the frontier shows the scenario against the experiment at its training prices"));
    reset_ = new QPushButton(tr("Reset"), this);
    reset_->setToolTip(tr("Back to the training prices and every model"));
    bottom->addWidget(new QLabel(tr("Show:"), this));
    bottom->addWidget(display_, 1);
    bottom->addWidget(reset_);
    layout->addLayout(bottom);
    retrain_ = new QPushButton(tr("Retrain under this scenario"), this);
    retrain_->setToolTip(tr("Train the experiment's routers again on its dataset at these prices and with this pool, "
                            "as a new experiment, to compare stale routers with retrained ones"));
    layout->addWidget(retrain_);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(status_);

    connect(model_, &ScenarioModel::scenarioEdited, this, [this] {
        const QSignalBlocker block(chosen_);
        chosen_->setCurrentIndex(-1);
        chosen_->setPlaceholderText(tr("(not saved)"));
        refreshButtons();
        emit scenarioChanged(model_->scenario());
    });
    connect(model_, &ScenarioModel::editRefused, this, [this](const QString& why) { setStatus(tr("Not changed: %1").arg(why)); });
    connect(chosen_, &QComboBox::activated, this, [this](int index) {
        chooseSaved(index <= 0 ? QString() : chosen_->itemText(index));
    });
    connect(display_, &QComboBox::currentIndexChanged, this, [this] { emit displayChanged(display()); });
    connect(reset_, &QPushButton::clicked, this, [this] { chooseSaved({}); });
    connect(save_, &QPushButton::clicked, this, &ScenarioPanel::askToSave);
    connect(delete_, &QPushButton::clicked, this, [this] {
        const QString name = QString::fromStdString(model_->scenario().name);
        if (name.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Delete Scenario"), tr("Delete the scenario '%1' from the project?").arg(name)) ==
            QMessageBox::Yes)
            emit deleteRequested(name);
    });
    connect(retrain_, &QPushButton::clicked, this, [this] { emit retrainRequested(model_->scenario()); });
    refreshButtons();
}

void ScenarioPanel::setExperiment(const QString& label, std::vector<ScenarioModelRow> rows, const std::vector<Scenario>& saved)
{
    experiment_ = label;
    // Prices per token only where a model has them or could have them (token counts).
    bool prices = false;
    for (const auto& r : rows)
        prices = prices || r.tokenCounts || r.inputPrice || r.outputPrice;
    table_->setColumnHidden(ScenarioModel::InputPrice, !prices);
    table_->setColumnHidden(ScenarioModel::OutputPrice, !prices);
    model_->setRows(std::move(rows));
    setSavedScenarios(saved, {});
    setStatus(label.isEmpty() ? tr("Scenarios apply to a saved experiment.") : tr("Experiment %1 at its training prices.").arg(label));
}

void ScenarioPanel::setSavedScenarios(const std::vector<Scenario>& saved, const QString& current)
{
    saved_ = saved;
    const QSignalBlocker block(chosen_);
    chosen_->clear();
    chosen_->addItem(tr("Training prices (as trained)"));
    for (const auto& s : saved_)
        chosen_->addItem(QString::fromStdString(s.name));
    const int index = current.isEmpty() ? (model_->scenario().isBaseline() ? 0 : -1) : chosen_->findText(current);
    chosen_->setCurrentIndex(index);
    refreshButtons();
}

void ScenarioPanel::chooseSaved(const QString& name)
{
    Scenario scenario;
    for (const auto& s : saved_)
        if (QString::fromStdString(s.name) == name)
            scenario = s;
    model_->setScenario(scenario);
    {
        const QSignalBlocker block(chosen_);
        chosen_->setCurrentIndex(name.isEmpty() ? 0 : chosen_->findText(name));
    }
    refreshButtons();
    emit scenarioChanged(scenario);
}

void ScenarioPanel::setWritable(bool writable)
{
    writable_ = writable;
    refreshButtons();
}

void ScenarioPanel::setStatus(const QString& text) { status_->setText(text); }

ScenarioPanel::Display ScenarioPanel::display() const { return Display(std::max(0, display_->currentIndex())); }

void ScenarioPanel::refreshButtons()
{
    const bool experiment = !experiment_.isEmpty() && model_->rowCount() > 0;
    const Scenario& s = model_->scenario();
    save_->setEnabled(writable_ && experiment && !s.isBaseline());
    delete_->setEnabled(writable_ && experiment && !s.name.empty());
    reset_->setEnabled(experiment && !s.isBaseline());
    retrain_->setEnabled(writable_ && experiment && !s.isBaseline());
    table_->setEnabled(experiment);
    chosen_->setEnabled(experiment);
}

void ScenarioPanel::askToSave()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Scenario"), tr("Name of the scenario:"), QLineEdit::Normal,
                                               QString::fromStdString(model_->scenario().name), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    bool taken = false;
    for (const auto& s : saved_)
        taken = taken || QString::fromStdString(s.name) == name;
    if (taken && QMessageBox::question(this, tr("Replace Scenario"),
                                       tr("A scenario named '%1' is saved already. Replace it?").arg(name)) != QMessageBox::Yes)
        return;
    Scenario named = model_->scenario();
    named.name = name.toStdString();
    emit saveRequested(named, taken);
}

} // namespace routescope
