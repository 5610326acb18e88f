#include "plot_widget.h"

namespace routescope {

void PlotWidget::requestReplot()
{
    if (isVisible() && !size().isEmpty())
        replot(rpQueuedReplot);
}

void PlotWidget::showEvent(QShowEvent* event)
{
    QCustomPlot::showEvent(event);
    replot(rpQueuedReplot);
}

void PlotWidget::resizeEvent(QResizeEvent* event)
{
    if (size().isEmpty()) {
        setViewport(rect());
        return;
    }
    QCustomPlot::resizeEvent(event);
}

} // namespace routescope
