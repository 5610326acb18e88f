#include "label_placement.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace routescope {

namespace {

double overlapArea(const QRectF& a, const QRectF& b)
{
    const QRectF both = a.intersected(b);
    return both.isEmpty() ? 0.0 : both.width() * both.height();
}

// Liang-Barsky: does the segment p-q pass through the rectangle?
bool segmentCrosses(const QPointF& p, const QPointF& q, const QRectF& r)
{
    double t0 = 0, t1 = 1;
    const double dx = q.x() - p.x(), dy = q.y() - p.y();
    const double edges[4][2] = {{-dx, p.x() - r.left()}, {dx, r.right() - p.x()}, {-dy, p.y() - r.top()}, {dy, r.bottom() - p.y()}};
    for (const auto& [step, room] : edges) {
        if (step == 0) {
            if (room < 0)
                return false;
            continue;
        }
        const double t = room / step;
        if (step < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

struct Candidate {
    QRectF box;
    double distance; // from the anchor to the box
};

// Spots around `anchor`, nearest first: beside, above and below, then stacked farther away.
std::vector<Candidate> candidatesAround(const QPointF& a, const QSizeF& size, double gap)
{
    const double w = size.width(), h = size.height();
    std::vector<Candidate> out;
    auto add = [&](double left, double top) {
        const QRectF box(left, top, w, h);
        const double dx = std::max({box.left() - a.x(), 0.0, a.x() - box.right()});
        const double dy = std::max({box.top() - a.y(), 0.0, a.y() - box.bottom()});
        out.push_back({box, std::hypot(dx, dy)});
    };
    const double step = h + 1;
    for (int k = 0; k <= 6; ++k) {
        for (const int sign : {1, -1}) {
            if (k == 0 && sign < 0)
                continue;
            const double top = a.y() - h / 2 + sign * k * step;
            add(a.x() + gap, top);     // right
            add(a.x() - gap - w, top); // left
        }
        if (k <= 3) {
            add(a.x() - w / 2, a.y() - gap - h - k * step); // above
            add(a.x() - w / 2, a.y() + gap + k * step);     // below
        }
    }
    // Farther out in eight directions, for crowds: out to where the plot is empty.
    for (int ring = 1; ring <= 8; ++ring) {
        const double d = gap + ring * 1.5 * step;
        for (int octant = 0; octant < 8; ++octant) {
            const double angle = octant * M_PI / 4;
            const double cx = a.x() + std::cos(angle) * (d + w / 2), cy = a.y() + std::sin(angle) * (d + h / 2);
            add(cx - w / 2, cy - h / 2);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) { return x.distance < y.distance; });
    return out;
}

} // namespace

std::vector<LabelPlacement> placeLabels(const std::vector<LabelRequest>& labels, const std::vector<QRectF>& markers,
                                        const std::vector<QPolygonF>& lines, const QRectF& bounds, double gap)
{
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), 0);
    // The longest labels are the hardest to fit: they choose first.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return labels[a].size.width() > labels[b].size.width(); });
    std::vector<LabelPlacement> placed(labels.size());
    std::vector<QRectF> taken;
    std::vector<QLineF> leaders;
    for (const std::size_t i : order) {
        // Covering a label or a marker, or leaving the plot, is never worth it while a spot
        // is clear of them; crossing a line costs as much as moving three lines of text away.
        const auto cost = [&](const Candidate& c) {
            double covered = c.box.width() * c.box.height() - overlapArea(c.box, bounds);
            for (const QRectF& other : taken)
                covered += overlapArea(c.box, other);
            for (const QRectF& marker : markers)
                covered += overlapArea(c.box, marker);
            // Lines and leaders under the label, and lines and labels its leader would cross.
            int crossings = 0, leaderCrossings = 0;
            const QLineF leader(labels[i].anchor, leaderEnd(labels[i].anchor, c.box));
            for (const QPolygonF& line : lines) {
                bool under = false, crossed = false;
                for (int s = 1; s < line.size() && !(under && crossed); ++s) {
                    under = under || segmentCrosses(line[s - 1], line[s], c.box);
                    crossed = crossed || (c.distance > gap + 1 &&
                                          QLineF(line[s - 1], line[s]).intersects(leader, nullptr) == QLineF::BoundedIntersection);
                }
                crossings += under;
                leaderCrossings += crossed;
            }
            if (c.distance > gap + 1)
                for (const QRectF& other : taken)
                    leaderCrossings += segmentCrosses(leader.p1(), leader.p2(), other) ? 2 : 0;
            for (const QLineF& other : leaders)
                leaderCrossings += segmentCrosses(other.p1(), other.p2(), c.box) ? 2 : 0;
            return 1e6 * covered + c.box.height() * (3.0 * crossings + leaderCrossings) + c.distance;
        };
        const auto candidates = candidatesAround(labels[i].anchor, labels[i].size, gap);
        const Candidate* best = &candidates.front();
        double bestCost = INFINITY;
        for (const Candidate& c : candidates)
            if (const double total = cost(c); total < bestCost) {
                bestCost = total;
                best = &c;
            }
        placed[i] = {best->box, best->distance > gap + 1};
        taken.push_back(best->box);
        if (placed[i].leader)
            leaders.emplace_back(labels[i].anchor, leaderEnd(labels[i].anchor, best->box));
    }
    return placed;
}

QPointF leaderEnd(const QPointF& anchor, const QRectF& box)
{
    return {std::clamp(anchor.x(), box.left(), box.right()), std::clamp(anchor.y(), box.top(), box.bottom())};
}

} // namespace routescope
