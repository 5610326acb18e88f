#include "calls_plot.h"

#include "model_palette.h"

#include <algorithm>
#include <map>

namespace routescope {

CallsPlot::CallsPlot(QWidget* parent) : BudgetAxisPlot(parent)
{
    setObjectName("Calls per query");
    yAxis->setLabel(tr("Models called per query"));
    addTitleAndSideLegend(tr("Calls per query"));
    empty_ = new QCPItemText(this);
    empty_->position->setType(QCPItemPosition::ptAxisRectRatio);
    empty_->position->setCoords(0.5, 0.5);
    empty_->setText(tr("No router here calls more than one model per query.\nCascades do: add one, e.g. cascade or cascade:error=0.1."));
    empty_->setColor(QColor(110, 110, 110));
}

void CallsPlot::clearExplorer()
{
    clearGraphs();
    lines_.clear();
    removeCursor();
    empty_->setVisible(true);
    requestReplot();
}

void CallsPlot::setExplorer(const BudgetExplorer& explorer)
{
    clearExplorer();
    const QVector<double> keys = budgetAxis(explorer);
    if (keys.isEmpty())
        return;
    double most = 1;
    // routers[0] is the oracle; the others take their colours and dashes as on the frontier.
    std::map<QRgb, int> colorUses;
    for (std::size_t r = 1; r < explorer.routers.size(); ++r) {
        const auto& router = explorer.routers[r];
        if (router.calls.empty() || *std::max_element(router.calls.begin(), router.calls.end()) <= 1.0)
            continue;
        Line line{QString::fromStdString(router.name), addGraph(), router.calls};
        line.graph->setName(line.name);
        const QColor color = routerColor(line.name);
        line.graph->setPen(QPen(color, 1.8, routerLineStyle(colorUses[color.rgb()]++)));
        line.graph->setLineStyle(QCPGraph::lsStepLeft);
        line.graph->setData(keys, QVector<double>(router.calls.begin(), router.calls.end()), true);
        most = std::max(most, *std::max_element(router.calls.begin(), router.calls.end()));
        lines_.push_back(std::move(line));
    }
    empty_->setVisible(lines_.empty());
    xAxis->setRange(keys.front(), keys.back());
    yAxis->setRange(0, most * 1.08);
    if (!lines_.empty())
        addCursor(explorer);
}

QStringList CallsPlot::routers() const
{
    QStringList names;
    for (const auto& line : lines_)
        names << line.name;
    return names;
}

double CallsPlot::callsAtCursor(const QString& router) const
{
    for (const auto& line : lines_)
        if (line.name == router && cursorIndex() >= 0 && std::size_t(cursorIndex()) < line.calls.size())
            return line.calls[std::size_t(cursorIndex())];
    return 0;
}

} // namespace routescope
