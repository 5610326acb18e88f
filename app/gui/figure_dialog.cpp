#include "figure_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>

namespace routescope {

namespace {
constexpr double kMillimetresPerInch = 25.4;
}

FigureDialog::FigureDialog(const QString& format, QWidget* parent) : QDialog(parent), format_(format.toLower())
{
    setWindowTitle(tr("Figure size (%1)").arg(format_.toUpper()));
    auto* form = new QFormLayout(this);

    preset_ = new QComboBox(this);
    for (const auto& p : figurePresets())
        preset_->addItem(QStringLiteral("%1 (%2)").arg(p.name, figureSizeText(p.inches)));
    preset_->addItem(tr("Custom"));
    form->addRow(tr("&Size"), preset_);

    auto* sizeRow = new QHBoxLayout;
    width_ = new QDoubleSpinBox(this);
    height_ = new QDoubleSpinBox(this);
    unit_ = new QComboBox(this);
    unit_->addItems({tr("in"), tr("mm")});
    sizeRow->addWidget(width_, 1);
    sizeRow->addWidget(new QLabel(QStringLiteral("\u00d7"), this));
    sizeRow->addWidget(height_, 1);
    sizeRow->addWidget(unit_);
    auto* sizeLabel = new QLabel(tr("&Width \u00d7 height"), this);
    sizeLabel->setBuddy(width_); // a row of several widgets gets no buddy by itself
    form->addRow(sizeLabel, sizeRow);

    font_ = new QSpinBox(this);
    font_->setRange(kMinFontPoints, kMaxFontPoints);
    font_->setSuffix(tr(" pt"));
    font_->setToolTip(tr("Tick labels, axis labels and legend at print size (journals ask for 6-9 pt)"));
    form->addRow(tr("&Text size"), font_);

    dpi_ = new QSpinBox(this);
    dpi_->setRange(kMinDpi, kMaxDpi);
    dpi_->setSingleStep(50);
    dpi_->setSuffix(tr(" DPI"));
    dpi_->setEnabled(format_ == "png");
    dpi_->setToolTip(format_ == "png" ? QString() : tr("PDF and SVG are vector drawings: no resolution"));
    form->addRow(tr("&Resolution"), dpi_);

    budgetMarkers_ = new QCheckBox(tr("Mark the slider's &budget (frontier circles, share plot line)"), this);
    form->addRow(budgetMarkers_);

    summary_ = new QLabel(this);
    summary_->setObjectName("figureSummary");
    form->addRow(summary_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &FigureDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(preset_, &QComboBox::activated, this, &FigureDialog::choosePreset);
    connect(unit_, &QComboBox::currentIndexChanged, this, &FigureDialog::setUnit);
    for (QDoubleSpinBox* side : {width_, height_})
        connect(side, &QDoubleSpinBox::valueChanged, this, &FigureDialog::showSummary);
    connect(dpi_, &QSpinBox::valueChanged, this, &FigureDialog::showSummary);

    setUnit(0);
    setOptions(remembered());
}

FigureOptions FigureDialog::options() const
{
    FigureOptions o;
    o.inches = QSizeF(width_->value() / shownPerInch_, height_->value() / shownPerInch_);
    o.fontPoints = font_->value();
    o.dpi = dpi_->value();
    o.budgetMarkers = budgetMarkers_->isChecked();
    return o;
}

void FigureDialog::setOptions(const FigureOptions& options)
{
    {
        const QSignalBlocker blockWidth(width_), blockHeight(height_);
        width_->setValue(options.inches.width() * shownPerInch_);
        height_->setValue(options.inches.height() * shownPerInch_);
    }
    font_->setValue(options.fontPoints);
    dpi_->setValue(options.dpi);
    budgetMarkers_->setChecked(options.budgetMarkers);
    showSummary();
}

FigureOptions FigureDialog::remembered()
{
    QSettings settings;
    FigureOptions o;
    o.inches = QSizeF(settings.value("figure/widthInches", o.inches.width()).toDouble(),
                      settings.value("figure/heightInches", o.inches.height()).toDouble());
    o.fontPoints = settings.value("figure/fontPoints", o.fontPoints).toInt();
    o.dpi = settings.value("figure/dpi", o.dpi).toInt();
    o.budgetMarkers = settings.value("figure/budgetMarkers", o.budgetMarkers).toBool();
    return o;
}

void FigureDialog::accept()
{
    const FigureOptions o = options();
    QSettings settings;
    settings.setValue("figure/widthInches", o.inches.width());
    settings.setValue("figure/heightInches", o.inches.height());
    settings.setValue("figure/fontPoints", o.fontPoints);
    settings.setValue("figure/dpi", o.dpi);
    settings.setValue("figure/budgetMarkers", o.budgetMarkers);
    QDialog::accept();
}

void FigureDialog::choosePreset(int index)
{
    if (index < 0 || std::size_t(index) >= figurePresets().size())
        return;
    FigureOptions o = options();
    o.inches = figurePresets()[std::size_t(index)].inches;
    setOptions(o);
}

void FigureDialog::setUnit(int index)
{
    // The size on paper stays; only its numbers change unit.
    const QSizeF inches(width_->value() / shownPerInch_, height_->value() / shownPerInch_);
    shownPerInch_ = index == 1 ? kMillimetresPerInch : 1.0;
    const QSignalBlocker blockWidth(width_), blockHeight(height_);
    for (QDoubleSpinBox* side : {width_, height_}) {
        side->setDecimals(index == 1 ? 1 : 2);
        side->setSingleStep(index == 1 ? 1.0 : 0.1);
        side->setRange(kMinFigureInches * shownPerInch_, kMaxFigureInches * shownPerInch_);
    }
    width_->setValue(inches.width() * shownPerInch_);
    height_->setValue(inches.height() * shownPerInch_);
    showSummary();
}

void FigureDialog::showSummary()
{
    const FigureOptions o = options();
    int match = int(figurePresets().size()); // Custom
    for (std::size_t i = 0; i < figurePresets().size(); ++i) {
        const QSizeF p = figurePresets()[i].inches;
        if (std::abs(p.width() - o.inches.width()) < 0.01 && std::abs(p.height() - o.inches.height()) < 0.01)
            match = int(i);
    }
    preset_->setCurrentIndex(match);
    const QSize page = o.points();
    QString text = tr("Page: %1 x %2 pt").arg(page.width()).arg(page.height());
    if (format_ == "png")
        text += tr(", %1 x %2 pixels").arg(qRound(page.width() * o.dpi / 72.0)).arg(qRound(page.height() * o.dpi / 72.0));
    summary_->setText(text);
}

} // namespace routescope
