#pragma once
// Draws a table cell's text laid out once per distinct text (QStaticText), where the style's own
// item drawing lays it out twice on every paint (once to elide, once to draw). For tables whose
// cells are repainted many times a second with values seen before, such as the live panel under a
// budget slider. A text too wide for its cell is left to the style, which elides it.

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace routescope {

class StaticTextDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    const QStaticText& laidOut(const QString& text, const QFont& font) const;

    mutable QFont font_;                         // the font the texts below were laid out in
    mutable QHash<QString, QStaticText> texts_; // by text; emptied when full or the font changes
};

} // namespace routescope
