#pragma once
// Draws a table cell's text laid out and measured once per distinct text (a QStaticText and its
// advance), where the style's own item drawing lays it out twice on every paint (once to elide,
// once to draw). For tables whose cells are repainted many times a second with values seen
// before, such as the live panel under a budget slider. A text too wide for its cell is left to
// the style, which elides it.

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace routescope {

class StaticTextDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    qsizetype laidOutTexts() const { return texts_.size(); } // how many texts it holds laid out

private:
    struct LaidOut {
        QStaticText text;
        qreal advance = 0; // where the next text would start: what the style aligns by
    };
    const LaidOut& laidOut(const QString& text, const QFont& font) const;

    mutable QFont font_;                     // the font the texts below were laid out in
    mutable QHash<QString, LaidOut> texts_; // by text; emptied when full or the font changes
};

} // namespace routescope
