#pragma once
// Asks how an exported figure should look: its size on paper (presets for a single column, a
// double column and a slide, or any size in inches or millimetres), the text size in points, the
// PNG resolution, and whether the slider's budget is marked. Remembers the last answer.

#include "plot_export.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace routescope {

class FigureDialog : public QDialog {
    Q_OBJECT
public:
    // format: "png", "pdf" or "svg"; the resolution only matters for PNG.
    explicit FigureDialog(const QString& format, QWidget* parent = nullptr);

    FigureOptions options() const;
    void setOptions(const FigureOptions& options);
    // The options last accepted in this dialog (or the defaults: single column, 8 pt, 300 DPI).
    static FigureOptions remembered();

    void accept() override;

private:
    void choosePreset(int index);
    void setUnit(int index);
    void showSummary();

    QComboBox* preset_ = nullptr;
    QDoubleSpinBox* width_ = nullptr;
    QDoubleSpinBox* height_ = nullptr;
    QComboBox* unit_ = nullptr;
    QSpinBox* font_ = nullptr;
    QSpinBox* dpi_ = nullptr;
    QCheckBox* budgetMarkers_ = nullptr;
    QLabel* summary_ = nullptr;
    QString format_;
    double shownPerInch_ = 1.0; // the spin boxes' unit: 1 (in) or 25.4 (mm)
};

} // namespace routescope
