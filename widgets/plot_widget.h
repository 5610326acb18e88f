#pragma once
// A QCustomPlot with what every RouteScope plot shares: a bold title, and a legend beside the
// data or, where that would leave the data too little width, below it in columns; two looks, the
// screen's and a printed figure's (see PlotLook); double-click or Home to reset the zoom; and a
// replot that waits while the widget is hidden (the second share plot, a plot in a closed tab),
// instead of painting into an empty buffer ("Paint device returned engine == 0"). What the budget
// slider moves sits on a layer of its own with its own buffer, so a slider move redraws that alone.

#include <qcustomplot.h>

namespace routescope {

// How a plot is drawn. On screen: the desktop's point sizes and every mark of the interaction.
// As a printed figure: one drawing unit is one point (1/72 in) and text is set in pixel sizes, so
// that it is `fontPoints` high on paper on every device (PDF, SVG, PNG at any DPI) and the layout
// measures the text that is drawn; the slider's budget marks only when asked.
struct PlotLook {
    bool print = false;
    int fontPoints = 8;        // print: the size of tick labels, axis labels and legend
    bool budgetMarkers = true; // the frontier's budget circles and the share plot's budget line
    // Print: the figure's width in points; a narrow figure (a single column) moves its legend
    // below the plot, so the data keep the whole width.
    int widthPoints = 0;
};

class PlotWidget : public QCustomPlot {
    Q_OBJECT
public:
    explicit PlotWidget(QWidget* parent = nullptr);

    // Restyles text, legend and budget marks; an export switches to print and back.
    void setLook(const PlotLook& look);
    const PlotLook& look() const { return look_; }
    // Back to the extent of the data.
    virtual void resetZoom();
    // A second title line, in every figure exported from the plot too: what the plot shows beyond
    // its title (the what-if scenario, "scenario: gpt-4 x0.1"). Empty: the title alone.
    void setTitleNote(const QString& note);
    QString titleNote() const { return titleNote_; }

protected:
    // Puts the legend beside or below the plot, where it hides no data, and a bold title above;
    // returns the title.
    QCPTextElement* addTitleAndSideLegend(const QString& title);
    // The title's own text, above any note.
    void setTitleText(const QString& text);
    // The look's base text size (9 pt on screen, fontPoints in print) plus `delta` points.
    QFont plotFont(int delta = 0, bool bold = false) const;
    // Restyles what a subclass owns (labels, budget marks) after the axes, legend and title.
    virtual void applyLook() {}
    // Arranges the legend anew for its entries (after they changed).
    void refitLegend();
    // Replots on the next turn of the event loop, or when next shown.
    void requestReplot();
    // The layer of what the budget slider moves (budget markers, cursor lines), above the rest:
    // layerables put on it redraw alone in replotBudgetMarks(). Exports draw it like any layer.
    // All it draws must lie within budgetMarksRegion(): a move clears and repaints only there.
    // (QCustomPlot's zoom rectangle would use this layer too; these plots set no selection-rect mode.)
    QCPLayer* budgetLayer() const { return budgetLayer_; }
    // Redraws the budget layer alone, now, and repaints from the other layers' buffers only where
    // the marks were and are (budgetMarksRegion()); a whole replot instead when one is due anyway
    // (new data, a resize, a layer change).
    void replotBudgetMarks();
    // Where the budget layer draws, in the widget's pixels, as the marks stand now: a slider move
    // repaints this and the region before it. The whole widget unless a plot knows better.
    virtual QRegion budgetMarksRegion() const;
    // The part of `area` (in pixels) within the widget; the whole widget if `area` is not finite.
    QRegion withinWidget(const QRectF& area) const;
    void showEvent(QShowEvent* event) override;
    // An empty widget (a collapsed splitter pane) keeps its viewport but draws nothing.
    void resizeEvent(QResizeEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    // Moves the legend into the column beside the plot, or below it in rows of `columns`.
    void placeLegend(bool below, int columns);
    bool legendBelow() const;
    std::vector<QCPAbstractLegendItem*> legendItems() const;
    // How many columns of entries a legend below the plot can have in `width` points.
    int legendColumnsThatFit(int width) const;
    // Beside the plot where it leaves the data room enough, else below (see PlotLook).
    void fitLegend(int width);
    QPen legendFrame() const;

    PlotLook look_;
    QCPLayer* budgetLayer_ = nullptr;
    QRegion budgetMarksShown_; // where the budget layer drew when it was last drawn into its buffer
    QCPTextElement* title_ = nullptr;
    QString titleText_, titleNote_;
    QCPLayoutGrid* legendColumn_ = nullptr;
    QCP::AntialiasedElements screenAntialiasing_;
    QCP::AntialiasedElements screenNotAntialiasing_;
};

} // namespace routescope
