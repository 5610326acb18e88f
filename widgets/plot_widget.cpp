#include "plot_widget.h"

namespace routescope {

QCPTextElement* PlotWidget::addTitleAndSideLegend(const QString& title, int legendPointSize)
{
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), legendPointSize));
    axisRect()->insetLayout()->take(legend);
    auto* side = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, side);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, legend);
    side->addElement(1, 0, new QCPLayoutElement(this)); // pushes the legend to the top
    side->setRowStretchFactor(0, 0.001);
    side->setRowSpacing(0);
    plotLayout()->insertRow(0);
    auto* titleElement = new QCPTextElement(this, title, QFont(font().family(), 10, QFont::Bold));
    plotLayout()->addElement(0, 0, titleElement);
    return titleElement;
}

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
