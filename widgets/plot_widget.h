#pragma once
// A QCustomPlot that draws only when it can be seen: a replot asked for while hidden (the second
// share plot, a plot in a closed tab) waits for the widget to be shown, instead of painting into
// an empty buffer (Qt's "Paint device returned engine == 0").

#include <qcustomplot.h>

namespace routescope {

class PlotWidget : public QCustomPlot {
    Q_OBJECT
public:
    using QCustomPlot::QCustomPlot;

protected:
    // Puts the legend at the top of a narrow column right of the plot, where it hides no data,
    // and a bold title above; returns the title.
    QCPTextElement* addTitleAndSideLegend(const QString& title, int legendPointSize);
    // Replots on the next turn of the event loop, or when next shown.
    void requestReplot();
    void showEvent(QShowEvent* event) override;
    // An empty widget (a collapsed splitter pane) keeps its viewport but draws nothing.
    void resizeEvent(QResizeEvent* event) override;
};

} // namespace routescope
