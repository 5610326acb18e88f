#pragma once
// The quality-cost frontier of every router of a comparison: lines with markers per router, each
// single model as a labelled point, the oracle as a star, the zero-router hull dashed, and a
// marker per router at the slider's budget, and on request one router's 95 % bootstrap band.
// Zoom and pan with the mouse; hovering shows the exact numbers; clicking a legend entry hides or
// shows that router (a hidden one's entry is grey).

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "report/comparison_summary.h"
#include "model_palette.h"

#include "plot_widget.h"

#include <optional>
#include <set>
#include <tuple>

namespace routescope {

class FrontierPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit FrontierPlot(QWidget* parent = nullptr);

    // Draws one seed of a comparison; the routers keep their visibility across calls by name.
    void setComparison(const Comparison& comparison, std::size_t seedIndex, const ModelPalette& palette);
    // Moves each router's marker to its operating point at the explorer's budget `index`.
    void setBudget(const BudgetExplorer& explorer, int index);
    void setLogCost(bool log);
    bool routerVisible(const QString& name) const { return !hidden_.count(name); }
    void setRouterVisible(const QString& name, bool visible);
    void clearComparison();
    // Shades the 95 % quality band of router `name` at its operating points (one seed's
    // bootstrap), in its colour; an empty band removes it.
    void setBand(const QString& name, const std::vector<BandPoint>& band);
    QString bandRouter() const { return bandRouter_; }
    // Draws another comparison's routers faintly under this one's (their colours, dotted, thin), as
    // a what-if scenario shows the experiment at its training prices; named `label` in the legend.
    // nullptr removes it, and so does setComparison().
    void setBaseline(const Comparison* baseline, std::size_t seedIndex, const QString& label);
    bool hasBaseline() const { return !baseline_.empty(); }
    void resetZoom() override;

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void applyLook() override;
    // A square around each router's budget marker.
    QRegion budgetMarksRegion() const override;

private:
    struct RouterCurve {
        QCPCurve* line = nullptr;
        QCPGraph* marker = nullptr;
        QString name;
        QColor color;
        Qt::PenStyle style = Qt::SolidLine;
        bool oracle = false;
    };

    void toggleFromLegend(QCPLegend* legend, QCPAbstractLegendItem* item);
    // Pens, markers and legend text of every router, for the look and the router's visibility.
    void styleRouters();
    void listInLegend();
    void rescaleToData();
    // Keeps the single models' labels clear of each other, of markers and of lines at the current
    // zoom, with a leader line where a label had to move away from its point.
    void placeSingleLabels();

    std::vector<RouterCurve> curves_;
    std::vector<std::pair<QString, QCPCurve*>> baseline_; // router name, its baseline curve
    QCPGraph* baselineKey_ = nullptr;                      // the baseline's legend entry
    QCPGraph* singles_ = nullptr;
    QCPGraph* zeroRouter_ = nullptr;
    QCPGraph* oracleStar_ = nullptr;
    QCPGraph* bandLow_ = nullptr;
    QCPGraph* bandHigh_ = nullptr;
    QString bandRouter_;
    std::vector<QCPItemText*> singleLabels_;
    std::vector<QCPItemLine*> singleLeaders_;
    std::vector<QPointF> singlePoints_; // (cost, quality) each label belongs to
    std::vector<QString> singleNames_;
    std::set<QString> hidden_;
    bool logCost_ = true;
    // What the labels were last placed for: the axes' ranges, the plot area, the look, the hidden routers.
    using LabelLayout = std::tuple<double, double, double, double, QRect, bool, int, std::set<QString>>;
    std::optional<LabelLayout> labelLayout_;
};

} // namespace routescope
