#pragma once
// Places text labels beside the points they name: never over another label or a point's marker
// while any spot is clear of them, preferring spots near the point that cross no line. Each label
// weighs spots around its point, beside it first, then stacked farther out, where a leader line
// leads back to the point; crossing a line weighs as much as moving three lines of text away.

#include <QPolygonF>
#include <QRectF>

#include <vector>

namespace routescope {

struct LabelRequest {
    QPointF anchor; // the point the label names, in pixels
    QSizeF size;    // the label's text
};

struct LabelPlacement {
    QRectF box;
    bool leader = false; // set: the box is away from its point and needs a line back to it
};

// The longest labels are placed first. `gap`: pixels between a point and a
// label beside it. Boxes stay inside `bounds` where they can.
std::vector<LabelPlacement> placeLabels(const std::vector<LabelRequest>& labels, const std::vector<QRectF>& markers,
                                        const std::vector<QPolygonF>& lines, const QRectF& bounds, double gap);

// Where a leader line from `anchor` meets `box`: the box's nearest point.
QPointF leaderEnd(const QPointF& anchor, const QRectF& box);

} // namespace routescope
