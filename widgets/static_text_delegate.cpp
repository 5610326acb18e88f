#include "static_text_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace routescope {

namespace {

// Enough for every text of a 200-position slider's table twice over; a bound, not a tuning.
constexpr qsizetype kMaxTexts = 8192;

} // namespace

const QStaticText& StaticTextDelegate::laidOut(const QString& text, const QFont& font) const
{
    if (font != font_ || texts_.size() >= kMaxTexts) {
        texts_.clear();
        font_ = font;
    }
    auto found = texts_.find(text);
    if (found == texts_.end()) {
        QStaticText laid(text);
        laid.setTextFormat(Qt::PlainText);
        laid.prepare(QTransform(), font);
        found = texts_.insert(text, laid);
    }
    return *found;
}

namespace {

// What the style would draw as one line of left-to-right text and nothing else: no icon, check
// box, own font, colours, selection, focus frame or hover; those cells the style draws as usual.
bool plainText(const QStyleOptionViewItem& option, const QModelIndex& index, const QVariant& value)
{
    const auto flags = QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver;
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
    const QStaticText& laid = laidOut(text, option.font);
    const QSizeF size = laid.size();
    if (size.width() > rect.width()) {
        QStyledItemDelegate::paint(painter, option, index); // elided by the style
        return;
    }
    const QVariant aligned = index.data(Qt::TextAlignmentRole);
    const auto alignment = aligned.isValid() ? Qt::Alignment(aligned.toInt()) : option.displayAlignment;
    // Placed as the style places its text: the line's height in whole pixels, aligned in the
    // cell; along the line, the text's own width (not rounded) from the aligned edge.
    const QRect line = QStyle::alignedRect(option.direction, alignment, QSize(rect.width(), int(size.height())), rect);
    double x = line.left();
    if (alignment & Qt::AlignRight)
        x = line.right() + 1 - size.width();
    else if (alignment & Qt::AlignHCenter)
        x = line.left() + (line.width() - size.width()) / 2;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Normal
                                                                                : QPalette::Inactive;
    painter->save();
    painter->setPen(option.palette.color(group, QPalette::Text));
    painter->drawStaticText(QPointF(x, line.top()), laid);
    painter->restore();
}

} // namespace routescope
