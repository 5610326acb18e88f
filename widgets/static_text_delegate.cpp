#include "static_text_delegate.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyle>

#include <cmath>

namespace routescope {

namespace {

// Enough for every text of a 200-position slider's table twice over; a bound, not a tuning.
constexpr qsizetype kMaxTexts = 8192;

} // namespace

const StaticTextDelegate::LaidOut& StaticTextDelegate::laidOut(const QString& text, const QFont& font) const
{
    if (font != font_ || texts_.size() >= kMaxTexts) {
        texts_.clear();
        font_ = font;
    }
    auto found = texts_.find(text);
    if (found == texts_.end()) {
        LaidOut laid{QStaticText(text), QFontMetricsF(font).horizontalAdvance(text)};
        laid.text.setTextFormat(Qt::PlainText);
        laid.text.prepare(QTransform(), font);
        found = texts_.insert(text, laid);
    }
    return *found;
}

namespace {

// What the style would draw as one line of left-to-right text and nothing else: no icon, check
// box, own font, colours, selection, focus frame, hover or editor; those cells the style draws as usual.
bool plainText(const QStyleOptionViewItem& option, const QModelIndex& index, const QVariant& value)
{
    const auto flags = QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver | QStyle::State_Editing;
    if (value.userType() != QMetaType::QString || (option.state & flags) || option.direction != Qt::LeftToRight
        || value.toString().contains(QChar('\n')))
        return false;
    for (int role : {Qt::DecorationRole, Qt::CheckStateRole, Qt::FontRole, Qt::ForegroundRole, Qt::BackgroundRole})
        if (index.data(role).isValid())
            return false;
    return true;
}

} // namespace

void StaticTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant value = index.data(Qt::DisplayRole);
    if (!plainText(option, index, value)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = value.toString();
    if (text.isEmpty())
        return;
    const QWidget* widget = option.widget;
    const QStyle* style = widget ? widget->style() : QApplication::style();
    // The style's own text margin (QCommonStyle's item view text rect).
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect rect = option.rect.adjusted(margin, 0, -margin, 0);
    const LaidOut& laid = laidOut(text, option.font);
    const QSizeF size = laid.text.size(); // the ink's width, which the style elides by
    if (size.width() > rect.width() || size.height() > rect.height()) {
        QStyledItemDelegate::paint(painter, option, index); // elided or clipped by the style
        return;
    }
    const QVariant aligned = index.data(Qt::TextAlignmentRole);
    const auto alignment = aligned.isValid() ? Qt::Alignment(aligned.toInt()) : option.displayAlignment;
    // Placed as the style places its text: the line's height in whole pixels, aligned in the
    // cell; along the line by the text's advance, in 1/64 pixels as QTextEngine aligns it.
    const QRect line = QStyle::alignedRect(option.direction, alignment, QSize(rect.width(), int(size.height())), rect);
    const auto sixtyFourths = [](qreal pixels) { return qint64(std::lround(pixels * 64)); };
    const qint64 room = sixtyFourths(line.width()) - sixtyFourths(laid.advance);
    double x = line.left();
    if (alignment & Qt::AlignRight)
        x += room / 64.0;
    else if (alignment & Qt::AlignHCenter)
        x += (room / 2) / 64.0;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Normal
                                                                                : QPalette::Inactive;
    painter->save();
    painter->setFont(option.font); // drawStaticText draws in the painter's font
    painter->setPen(option.palette.color(group, QPalette::Text));
    painter->drawStaticText(QPointF(x, line.top()), laid.text);
    painter->restore();
}

} // namespace routescope
