#include "frontier_plot.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace routescope {

namespace {
constexpr int kLabelGap = 6; // pixels between a single model's point and its label
}

FrontierPlot::FrontierPlot(QWidget* parent) : PlotWidget(parent)
{
    setObjectName("Quality-cost frontier");
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
    setMouseTracking(true);
    xAxis->setLabel(tr("Mean cost per query ($)"));
    yAxis->setLabel(tr("Mean quality (test)"));
    addTitleAndSideLegend(tr("Quality vs cost"), 8);
    legend->setSelectableParts(QCPLegend::spItems);
    connect(this, &QCustomPlot::legendClick, this, [this](QCPLegend* l, QCPAbstractLegendItem* item, QMouseEvent*) {
        toggleFromLegend(l, item);
    });
    connect(this, &QCustomPlot::afterLayout, this, &FrontierPlot::placeSingleLabels);
    setLogCost(true);
}

void FrontierPlot::placeSingleLabels()
{
    // Top to bottom, each label goes beside its point or, where an earlier label or another
    // model's marker is in the way, just below that.
    std::vector<std::size_t> order(singleLabels_.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
        return singlePoints_[a].y() > singlePoints_[b].y();
    });
    const auto anchorOf = [this](std::size_t i) {
        return QPointF(xAxis->coordToPixel(singlePoints_[i].x()), yAxis->coordToPixel(singlePoints_[i].y()));
    };
    const double marker = singles_ ? singles_->scatterStyle().size() : 0.0;
    std::vector<QRectF> markers;
    for (std::size_t i = 0; i < singlePoints_.size(); ++i)
        markers.emplace_back(anchorOf(i) - QPointF(marker / 2, marker / 2), QSizeF(marker, marker));
    std::vector<QRectF> placed;
    for (const std::size_t i : order) {
        QCPItemText* label = singleLabels_[i];
        const QPointF anchor = anchorOf(i);
        const QFontMetricsF metrics(label->font());
        const double width = kLabelGap + metrics.horizontalAdvance(label->text());
        // Right of the point, or left of it where the plot's right edge would cut the label off.
        const bool onLeft = anchor.x() + width > axisRect()->right() && anchor.x() - width >= axisRect()->left();
        label->setPositionAlignment((onLeft ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        label->setPadding(onLeft ? QMargins(0, 0, kLabelGap, 0) : QMargins(kLabelGap, 0, 0, 0));
        QRectF box(onLeft ? anchor.x() - width : anchor.x(), anchor.y() - metrics.height() / 2, width, metrics.height());
        for (bool moved = true; moved;) {
            moved = false;
            const auto clear = [&box, &moved](const QRectF& other) {
                if (box.intersects(other)) {
                    box.moveTop(other.bottom() + 1);
                    moved = true;
                }
            };
            for (const QRectF& other : placed)
                clear(other);
            for (std::size_t m = 0; m < markers.size(); ++m)
                if (m != i)
                    clear(markers[m]);
        }
        label->position->setPixelPosition(QPointF(anchor.x(), box.center().y()));
        placed.push_back(box);
    }
}

void FrontierPlot::clearComparison()
{
    clearPlottables();
    clearItems();
    curves_.clear();
    singleLabels_.clear();
    singlePoints_.clear();
    singleNames_.clear();
    singles_ = zeroRouter_ = oracleStar_ = bandLow_ = bandHigh_ = nullptr;
    bandRouter_.clear();
    requestReplot();
}

void FrontierPlot::setComparison(const Comparison& comparison, std::size_t seedIndex, const ModelPalette& palette)
{
    clearComparison();
    if (seedIndex >= comparison.seeds.size())
        return;
    const SeedComparison& seed = comparison.seeds[seedIndex];

    zeroRouter_ = addGraph();
    zeroRouter_->setName(tr("zero router (hull)"));
    zeroRouter_->setPen(QPen(QColor(90, 90, 90), 1.2, Qt::DashLine));
    for (const auto& p : seed.reference.zeroRouter)
        zeroRouter_->addData(p.cost, p.quality);

    singles_ = addGraph();
    singles_->setName(tr("single models"));
    singles_->setLineStyle(QCPGraph::lsNone);
    singles_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QColor(60, 60, 60), QColor(200, 200, 200), 7));
    for (std::size_t m = 0; m < seed.singleModels.size(); ++m) {
        const auto& p = seed.singleModels[m];
        const QString name = QString::fromStdString(comparison.modelNames[m]);
        singles_->addData(p.cost, p.quality);
        singleNames_.push_back(name);
        auto* label = new QCPItemText(this);
        label->position->setCoords(p.cost, p.quality);
        label->setText(name.section('/', -1));
        label->setFont(QFont(font().family(), 7));
        label->setColor(palette.color(name).darker(150));
        label->setClipToAxisRect(true);
        singleLabels_.push_back(label);
        singlePoints_.emplace_back(p.cost, p.quality);
    }

    auto addRouter = [&](const RouterEvaluation& evaluation, const QColor& color, bool isOracle) {
        RouterCurve curve;
        curve.name = QString::fromStdString(evaluation.router);
        curve.line = new QCPCurve(xAxis, yAxis);
        curve.line->setName(curve.name);
        QPen pen(color, isOracle ? 1.0 : 1.8);
        if (isOracle)
            pen.setStyle(Qt::DotLine);
        curve.line->setPen(pen);
        curve.line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, 3.5));
        curve.line->setScatterSkip(isOracle ? 4 : 1);
        for (const auto& p : evaluation.frontier)
            curve.line->addData(p.cost, p.quality);
        curve.marker = addGraph();
        curve.marker->setLineStyle(QCPGraph::lsNone);
        curve.marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color.darker(130), 2), Qt::white, 11));
        curve.marker->removeFromLegend();
        curves_.push_back(curve);
    };
    addRouter(seed.oracle, QColor(40, 40, 40), true);
    oracleStar_ = addGraph();
    oracleStar_->setName(tr("oracle: best"));
    oracleStar_->setLineStyle(QCPGraph::lsNone);
    oracleStar_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(200, 150, 0), 2), QBrush(QColor(255, 200, 0)), 16));
    if (!seed.oracle.frontier.empty()) {
        const auto best = std::max_element(seed.oracle.frontier.begin(), seed.oracle.frontier.end(),
                                           [](const auto& a, const auto& b) {
                                               return a.quality < b.quality || (a.quality == b.quality && a.cost > b.cost);
                                           });
        oracleStar_->addData(best->cost, best->quality);
    }
    for (std::size_t r = 0; r < seed.routers.size(); ++r)
        addRouter(seed.routers[r], routerColor(int(r)), false);

    applyVisibility();
    rescaleToData();
    requestReplot();
}

void FrontierPlot::setBudget(const BudgetExplorer& explorer, int index)
{
    if (index < 0 || std::size_t(index) >= explorer.budgets.size())
        return;
    for (auto& curve : curves_) {
        curve.marker->data()->clear();
        for (const auto& r : explorer.routers)
            if (QString::fromStdString(r.name) == curve.name) {
                const auto& p = r.points[std::size_t(index)];
                curve.marker->addData(p.cost, p.quality);
            }
    }
    requestReplot();
}

void FrontierPlot::setBand(const QString& name, const std::vector<BandPoint>& band)
{
    for (QCPGraph* graph : {bandLow_, bandHigh_})
        if (graph)
            removeGraph(graph);
    bandLow_ = bandHigh_ = nullptr;
    bandRouter_.clear();
    QColor color;
    for (const auto& c : curves_)
        if (c.name == name)
            color = c.line->pen().color();
    if (band.empty() || !color.isValid()) {
        requestReplot();
        return;
    }
    bandRouter_ = name;
    std::vector<BandPoint> sorted = band;
    std::stable_sort(sorted.begin(), sorted.end(), [](const BandPoint& a, const BandPoint& b) { return a.cost < b.cost; });
    bandLow_ = addGraph();
    bandHigh_ = addGraph();
    for (QCPGraph* graph : {bandLow_, bandHigh_}) {
        graph->setLayer("grid"); // under the routers' lines
        graph->setPen(QPen(color.lighter(140), 0.8));
        graph->setLineStyle(QCPGraph::lsLine);
    }
    for (const auto& p : sorted) {
        bandLow_->addData(p.cost, p.lo);
        bandHigh_->addData(p.cost, p.hi);
    }
    QColor fill = color;
    fill.setAlpha(55);
    bandHigh_->setBrush(fill);
    bandHigh_->setChannelFillGraph(bandLow_);
    bandHigh_->setName(tr("%1: 95 % band").arg(name));
    bandLow_->removeFromLegend();
    requestReplot();
}

void FrontierPlot::setLogCost(bool log)
{
    logCost_ = log;
    if (log) {
        xAxis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        xAxis->setTicker(ticker);
        xAxis->setNumberFormat("eb");
        xAxis->setNumberPrecision(0);
    } else {
        xAxis->setScaleType(QCPAxis::stLinear);
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        xAxis->setNumberFormat("gb");
        xAxis->setNumberPrecision(3);
    }
    rescaleToData();
    requestReplot();
}

void FrontierPlot::rescaleToData()
{
    double lo = INFINITY, hi = 0, qlo = 1, qhi = 0;
    auto take = [&](double cost, double quality) {
        if (cost > 0 || !logCost_) {
            lo = std::min(lo, cost);
            hi = std::max(hi, cost);
        }
        qlo = std::min(qlo, quality);
        qhi = std::max(qhi, quality);
    };
    for (const auto& c : curves_)
        for (auto it = c.line->data()->constBegin(); it != c.line->data()->constEnd(); ++it)
            take(it->key, it->value);
    if (singles_)
        for (auto it = singles_->data()->constBegin(); it != singles_->data()->constEnd(); ++it)
            take(it->key, it->value);
    if (!(hi > 0 || (!logCost_ && hi >= lo)))
        return;
    if (logCost_)
        xAxis->setRange(lo / 1.4, hi * 2.5);
    else
        xAxis->setRange(std::max(0.0, lo - 0.05 * (hi - lo)), hi + 0.15 * (hi - lo));
    const double pad = std::max(0.02, 0.05 * (qhi - qlo));
    yAxis->setRange(qlo - pad, std::min(1.05, qhi + pad));
}

void FrontierPlot::setRouterVisible(const QString& name, bool visible)
{
    if (visible)
        hidden_.erase(name);
    else
        hidden_.insert(name);
    applyVisibility();
    requestReplot();
    emit routerVisibilityChanged(name, visible);
}

void FrontierPlot::applyVisibility()
{
    for (auto& c : curves_) {
        const bool visible = !hidden_.count(c.name);
        c.line->setVisible(visible);
        c.marker->setVisible(visible);
        if (auto* item = legend->itemWithPlottable(c.line))
            item->setTextColor(visible ? Qt::black : QColor(170, 170, 170));
    }
}

void FrontierPlot::toggleFromLegend(QCPLegend*, QCPAbstractLegendItem* item)
{
    auto* plItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plItem)
        return;
    for (const auto& c : curves_)
        if (plItem->plottable() == c.line) {
            setRouterVisible(c.name, hidden_.count(c.name) > 0);
            return;
        }
}

void FrontierPlot::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const QPointF pos = event->position();
    double bestDistance = 12.0; // pixels
    QString text;
    auto consider = [&](double cost, double quality, const QString& what) {
        const double dx = xAxis->coordToPixel(cost) - pos.x();
        const double dy = yAxis->coordToPixel(quality) - pos.y();
        const double d = std::hypot(dx, dy);
        if (d < bestDistance) {
            bestDistance = d;
            text = tr("%1\ncost $%2 per query\nquality %3").arg(what).arg(cost, 0, 'g', 4).arg(quality, 0, 'f', 4);
        }
    };
    for (const auto& c : curves_) {
        if (!c.line->visible())
            continue;
        for (auto it = c.line->data()->constBegin(); it != c.line->data()->constEnd(); ++it)
            consider(it->key, it->value, c.name);
    }
    if (singles_) {
        int i = 0;
        for (auto it = singles_->data()->constBegin(); it != singles_->data()->constEnd(); ++it, ++i)
            consider(it->key, it->value, singleNames_[std::size_t(i)]);
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace routescope
