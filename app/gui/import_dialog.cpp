#include "import_dialog.h"

#include "store/value_limits.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace routescope {

ScoresImportDialog::ScoresImportDialog(const QString& file, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Import scores without costs"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>%1</b> holds each model's score per query, but no costs. RouteScope computes "
                                "the costs from each model's prices and the number of tokens of the query and "
                                "of the answer.").arg(QFileInfo(file).fileName().toHtmlEscaped()), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    QSettings settings;
    auto* form = new QFormLayout;
    auto* priceRow = new QHBoxLayout;
    prices_ = new QLineEdit(settings.value("import/priceTable").toString(), this);
    prices_->setPlaceholderText(tr("a JSON file: {\"model\": {\"input_price\": 0.5, \"output_price\": 1.5}, ...}"));
    prices_->setToolTip(tr("Each model's price in USD per million input and output tokens"));
    auto* browse = new QPushButton(tr("Choose..."), this);
    priceRow->addWidget(prices_, 1);
    priceRow->addWidget(browse);
    form->addRow(tr("&Price table"), priceRow);
    answerTokens_ = new QSpinBox(this);
    answerTokens_->setRange(0, int(std::min<std::int64_t>(limits::kMaxAnswerTokens, 1'000'000)));
    answerTokens_->setValue(settings.value("import/answerTokens", 200).toInt());
    answerTokens_->setSuffix(tr(" tokens"));
    answerTokens_->setToolTip(tr("Used for a record that has no model response to count the answer's tokens from"));
    form->addRow(tr("&Answer length"), answerTokens_);
    layout->addLayout(form);
    auto* note = new QLabel(tr("The answer length is used where a record has no response to count its tokens."), this);
    note->setWordWrap(true);
    layout->addWidget(note);
    problem_ = new QLabel(this);
    problem_->setStyleSheet("color: #a33");
    problem_->setWordWrap(true);
    layout->addWidget(problem_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    layout->addWidget(buttons_);

    connect(browse, &QPushButton::clicked, this, &ScoresImportDialog::choosePriceTable);
    connect(prices_, &QLineEdit::textChanged, this, &ScoresImportDialog::checkPriceTable);
    connect(buttons_, &QDialogButtonBox::accepted, this, &ScoresImportDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &ScoresImportDialog::reject);
    checkPriceTable();
    resize(560, sizeHint().height());
}

void ScoresImportDialog::choosePriceTable()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Price table"), QFileInfo(prices_->text()).path(),
                                                      tr("Price tables (*.json);;All files (*)"));
    if (!path.isEmpty())
        setPriceTable(path);
}

void ScoresImportDialog::setPriceTable(const QString& path) { prices_->setText(path); }

void ScoresImportDialog::checkPriceTable()
{
    const QString path = prices_->text().trimmed();
    QString problem;
    if (path.isEmpty())
        problem = tr("Choose the price table.");
    else if (!QFileInfo(path).isFile())
        problem = tr("There is no file %1.").arg(path);
    problem_->setText(problem);
    problem_->setVisible(!problem.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

ImportOptions ScoresImportDialog::options() const
{
    ImportOptions options;
    options.format = DatasetFormat::ScoresJson;
    options.pricesPath = prices_->text().trimmed().toStdString();
    options.defaultAnswerTokens = answerTokens_->value();
    return options;
}

void ScoresImportDialog::accept()
{
    QSettings settings;
    settings.setValue("import/priceTable", prices_->text().trimmed());
    settings.setValue("import/answerTokens", answerTokens_->value());
    QDialog::accept();
}

} // namespace routescope
