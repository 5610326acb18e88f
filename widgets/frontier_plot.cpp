#include "frontier_plot.h"

#include "label_placement.h"

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
    // Legend clicks toggle routers without selecting the entry: no selection box on screen or in exports.
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setMouseTracking(true);
    setToolTip(tr("Drag to pan, wheel to zoom, double-click or Home to reset; click a legend entry to hide a router"));
    xAxis->setLabel(tr("Mean cost per query ($)"));
    yAxis->setLabel(tr("Mean quality (test)"));
    addTitleAndSideLegend(tr("Quality vs cost"));
    connect(this, &QCustomPlot::legendClick, this, [this](QCPLegend* l, QCPAbstractLegendItem* item, QMouseEvent*) {
        toggleFromLegend(l, item);
    });
    connect(this, &QCustomPlot::afterLayout, this, &FrontierPlot::placeSingleLabels);
    setLogCost(true);
}

void FrontierPlot::placeSingleLabels()
{
    // The slider moves only the budget markers: the labels stay unless the view, the look or
    // what is drawn changed (placing them costs more than the rest of a replot).
    LabelLayout layout{xAxis->range().lower, xAxis->range().upper, yAxis->range().lower, yAxis->range().upper,
                       axisRect()->rect(), look().print, look().fontPoints, hidden_};
    if (labelLayout_ == layout)
        return;
    labelLayout_ = std::move(layout);
    const auto pixel = [this](double cost, double quality) {
        return QPointF(xAxis->coordToPixel(cost), yAxis->coordToPixel(quality));
    };
    const double marker = singles_ ? singles_->scatterStyle().size() : 0.0;
    const QRectF area = axisRect()->rect();
    std::vector<QRectF> markers;
    std::vector<LabelRequest> requests;
    std::vector<std::size_t> shown; // models whose point is in view: the others' labels hide
    for (std::size_t i = 0; i < singlePoints_.size(); ++i) {
        const QPointF anchor = pixel(singlePoints_[i].x(), singlePoints_[i].y());
        markers.emplace_back(anchor - QPointF(marker / 2, marker / 2), QSizeF(marker, marker));
        const bool inView = area.contains(anchor);
        singleLabels_[i]->setVisible(inView);
        singleLeaders_[i]->setVisible(false);
        if (!inView)
            continue;
        const QFontMetricsF metrics(singleLabels_[i]->font());
        requests.push_back({anchor, QSizeF(metrics.horizontalAdvance(singleLabels_[i]->text()) + 1, metrics.height())});
        shown.push_back(i);
    }
    if (oracleStar_ && !oracleStar_->data()->isEmpty()) {
        const double star = oracleStar_->scatterStyle().size();
        const auto best = oracleStar_->data()->constBegin();
        markers.emplace_back(pixel(best->key, best->value) - QPointF(star / 2, star / 2), QSizeF(star, star));
    }
    std::vector<QPolygonF> lines;
    for (const auto& c : curves_) {
        if (!c.line->visible())
            continue;
        QPolygonF line;
        for (auto it = c.line->data()->constBegin(); it != c.line->data()->constEnd(); ++it)
            line << pixel(it->key, it->value);
        lines.push_back(line);
    }
    if (zeroRouter_) {
        QPolygonF hull;
        for (auto it = zeroRouter_->data()->constBegin(); it != zeroRouter_->data()->constEnd(); ++it)
            hull << pixel(it->key, it->value);
        lines.push_back(hull);
    }
    const auto placed = placeLabels(requests, markers, lines, area, kLabelGap * (look().print ? 0.6 : 1.0));
    for (std::size_t k = 0; k < placed.size(); ++k) {
        const std::size_t i = shown[k];
        singleLabels_[i]->position->setPixelPosition(placed[k].box.topLeft());
        singleLeaders_[i]->setVisible(placed[k].leader);
        singleLeaders_[i]->start->setPixelPosition(requests[k].anchor);
        singleLeaders_[i]->end->setPixelPosition(leaderEnd(requests[k].anchor, placed[k].box));
    }
}

void FrontierPlot::setBaseline(const Comparison* baseline, std::size_t seedIndex, const QString& label)
{
    for (const auto& [name, curve] : baseline_)
        removePlottable(curve);
    if (baselineKey_)
        removePlottable(baselineKey_);
    baseline_.clear();
    baselineKey_ = nullptr;
    if (baseline && seedIndex < baseline->seeds.size()) {
        for (const auto& router : baseline->seeds[seedIndex].routers) {
            const QString name = QString::fromStdString(router.router);
            auto* curve = new QCPCurve(xAxis, yAxis);
            curve->setLayer("grid"); // under the scenario's lines
            curve->setPen(QPen(routerColor(name).lighter(125), 1.0, Qt::DotLine));
            curve->removeFromLegend();
            for (const auto& p : router.frontier)
                curve->addData(p.cost, p.quality);
            baseline_.emplace_back(name, curve);
        }
        baselineKey_ = addGraph();
        baselineKey_->setName(label);
        baselineKey_->setPen(QPen(QColor(120, 120, 120), 1.0, Qt::DotLine));
    }
    applyLook();
    rescaleToData();
    requestReplot();
}

void FrontierPlot::clearComparison()
{
    baseline_.clear(); // its curves go with the plottables
    baselineKey_ = nullptr;
    clearPlottables();
    clearItems();
    curves_.clear();
    labelLayout_.reset();
    singleLabels_.clear();
    singleLeaders_.clear();
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
    // Leaders first, so that every label draws over any leader passing under it.
    for (std::size_t m = 0; m < seed.singleModels.size(); ++m) {
        auto* leader = new QCPItemLine(this);
        leader->start->setType(QCPItemPosition::ptAbsolute);
        leader->end->setType(QCPItemPosition::ptAbsolute);
        leader->setPen(QPen(QColor(130, 130, 130), 0.6));
        leader->setClipToAxisRect(true);
        leader->setVisible(false);
        singleLeaders_.push_back(leader);
    }
    for (std::size_t m = 0; m < seed.singleModels.size(); ++m) {
        const auto& p = seed.singleModels[m];
        const QString name = QString::fromStdString(comparison.modelNames[m]);
        singles_->addData(p.cost, p.quality);
        singleNames_.push_back(name);
        auto* label = new QCPItemText(this);
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins());
        label->setText(name.section('/', -1));
        label->setColor(palette.color(name).darker(150));
        label->setBrush(QColor(255, 255, 255, 190)); // readable where a line must pass under it
        label->setClipToAxisRect(true);
        singleLabels_.push_back(label);
        singlePoints_.emplace_back(p.cost, p.quality);
    }

    // Colours follow router names; routers that share one (two kNN settings) differ by dashes.
    std::map<QRgb, int> colorUses;
    auto addRouter = [&](const RouterEvaluation& evaluation, bool isOracle) {
        RouterCurve curve;
        curve.name = QString::fromStdString(evaluation.router);
        curve.color = routerColor(isOracle ? QStringLiteral("oracle") : curve.name);
        curve.style = isOracle ? Qt::DotLine : routerLineStyle(colorUses[curve.color.rgb()]++);
        curve.oracle = isOracle;
        curve.line = new QCPCurve(xAxis, yAxis);
        curve.line->setName(curve.name);
        curve.line->setScatterSkip(isOracle ? 4 : 1);
        for (const auto& p : evaluation.frontier)
            curve.line->addData(p.cost, p.quality);
        curve.marker = addGraph();
        curve.marker->setLineStyle(QCPGraph::lsNone);
        curve.marker->removeFromLegend();
        curve.marker->setLayer(budgetLayer()); // a slider move redraws the markers alone
        curves_.push_back(curve);
    };
    addRouter(seed.oracle, true);
    oracleStar_ = addGraph();
    oracleStar_->setName(tr("oracle: best"));
    oracleStar_->setLineStyle(QCPGraph::lsNone);
    if (!seed.oracle.frontier.empty()) {
        const auto best = std::max_element(seed.oracle.frontier.begin(), seed.oracle.frontier.end(),
                                           [](const auto& a, const auto& b) {
                                               return a.quality < b.quality || (a.quality == b.quality && a.cost > b.cost);
                                           });
        oracleStar_->addData(best->cost, best->quality);
    }
    for (const auto& router : seed.routers)
        addRouter(router, false);

    applyLook();
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
    replotBudgetMarks();
}

QRegion FrontierPlot::budgetMarksRegion() const
{
    QRegion region;
    for (const auto& curve : curves_) {
        if (!curve.marker->visible())
            continue;
        // The circle, its pen and antialiasing.
        const QCPScatterStyle& style = curve.marker->scatterStyle();
        const double reach = style.size() / 2 + style.pen().widthF() + 2;
        for (const auto& point : *curve.marker->data()) {
            const QPointF pixel(xAxis->coordToPixel(point.key), yAxis->coordToPixel(point.value));
            region += withinWidget(QRectF(pixel - QPointF(reach, reach), pixel + QPointF(reach, reach)));
        }
    }
    return region;
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

void FrontierPlot::resetZoom() { rescaleToData(); }

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
    for (const auto& [name, curve] : baseline_)
        if (!hidden_.count(name))
            for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
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
    styleRouters();
    requestReplot();
}

void FrontierPlot::applyLook()
{
    const bool print = look().print;
    for (auto* label : singleLabels_)
        label->setFont(plotFont(print ? -2 : -1));
    if (singles_)
        singles_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(QColor(60, 60, 60), print ? 0.6 : 1.0),
                                                  QColor(200, 200, 200), print ? 4.5 : 7));
    if (zeroRouter_)
        zeroRouter_->setPen(QPen(QColor(90, 90, 90), print ? 0.8 : 1.2, Qt::DashLine));
    if (oracleStar_)
        oracleStar_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(200, 150, 0), print ? 1.2 : 2),
                                                     QBrush(QColor(255, 200, 0)), print ? 9 : 16));
    listInLegend();
    styleRouters();
}

void FrontierPlot::listInLegend()
{
    // Creation order, without the markers; a figure leaves hidden routers out, the screen greys them.
    legend->clearItems();
    for (QCPAbstractPlottable* p : {static_cast<QCPAbstractPlottable*>(zeroRouter_), static_cast<QCPAbstractPlottable*>(singles_)})
        if (p)
            p->addToLegend();
    for (const auto& c : curves_) {
        if (!look().print || !hidden_.count(c.name))
            c.line->addToLegend();
        if (c.oracle && oracleStar_)
            oracleStar_->addToLegend();
    }
    if (baselineKey_)
        baselineKey_->addToLegend();
    refitLegend();
}

void FrontierPlot::styleRouters()
{
    const bool print = look().print;
    const QColor hiddenColor(185, 185, 185);
    for (auto& c : curves_) {
        const bool visible = !hidden_.count(c.name);
        // A hidden router draws nothing, so its pen only colours its legend entry: grey.
        const QColor color = visible ? c.color : hiddenColor;
        const double width = c.oracle ? (print ? 0.8 : 1.0) : (print ? 1.2 : 1.8);
        c.line->setPen(QPen(color, width, c.style));
        c.line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, print ? 2.5 : 3.5));
        c.line->setVisible(visible);
        c.marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c.color.darker(130), print ? 1.2 : 2),
                                                  Qt::white, print ? 7 : 11));
        c.marker->setVisible(visible && look().budgetMarkers);
        if (auto* item = legend->itemWithPlottable(c.line))
            item->setTextColor(visible ? Qt::black : hiddenColor);
    }
    for (const auto& [name, curve] : baseline_) {
        curve->setVisible(!hidden_.count(name));
        curve->setPen(QPen(routerColor(name).lighter(125), print ? 0.7 : 1.0, Qt::DotLine));
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
