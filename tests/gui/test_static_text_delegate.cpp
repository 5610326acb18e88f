// StaticTextDelegate must draw exactly what the style draws: the same pixels for left, right and
// centred text (right-to-left tables through the style), for texts it has laid out before and for new ones,
// and through the style where a text needs eliding or a cell has a colour of its own.

#include "gui_support.h"
#include "static_text_delegate.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QTest>

using namespace routescope;

namespace {

// A table as the live panel sets one up, with or without the delegate.
std::unique_ptr<QTableWidget> table(bool staticText, Qt::LayoutDirection direction, bool italic = false)
{
    auto t = std::make_unique<QTableWidget>(4, 3);
    t->setLayoutDirection(direction);
    if (italic) {
        QFont font = t->font();
        font.setItalic(true); // glyphs that reach past their advance, as the last "f"
        t->setFont(font);
    }
    t->setAlternatingRowColors(true);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    if (staticText)
        t->setItemDelegate(new StaticTextDelegate(t.get()));
    t->resize(420, 170);
    t->show();
    return t;
}

void fill(QTableWidget& t, const QStringList& texts)
{
    const Qt::Alignment alignments[] = {Qt::AlignLeft | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignVCenter,
                                        Qt::AlignHCenter | Qt::AlignVCenter};
    for (int r = 0; r < t.rowCount(); ++r)
        for (int c = 0; c < t.columnCount(); ++c) {
            auto* cell = t.item(r, c);
            if (!cell) {
                cell = new QTableWidgetItem;
                cell->setTextAlignment(alignments[c]);
                t.setItem(r, c, cell);
            }
            cell->setText(texts[(r * t.columnCount() + c) % texts.size()]);
        }
}

QImage painted(QTableWidget& t)
{
    QApplication::processEvents();
    return t.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

} // namespace

class TestStaticTextDelegate : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void drawsWhatTheStyleDraws_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::addColumn<bool>("italic");
        QTest::newRow("left to right") << Qt::LeftToRight << false;
        QTest::newRow("italic") << Qt::LeftToRight << true;
        QTest::newRow("right to left") << Qt::RightToLeft << false;
    }
    void drawsWhatTheStyleDraws()
    {
        QFETCH(Qt::LayoutDirection, direction);
        QFETCH(bool, italic);
        auto style = table(false, direction, italic);
        auto ours = table(true, direction, italic);
        const QStringList first = {"equirouter", "0.7431", "1.234e-05", "knn", "staff", "100.0 %", "mlp", "0.5f"};
        // New texts, texts drawn before in other cells, one too wide for its cell (elided by
        // the style), one with a line break (drawn by the style).
        const QStringList second = {"0.1",   "equirouter", "a-router-name-much-too-long-for-its-cell-to-hold",
                                    "2.5e-06", "0.7431", "two\nlines", "99.9 %", "1.234e-05"};
        for (const QStringList& texts : {first, second, first}) {
            fill(*style, texts);
            fill(*ours, texts);
            const QImage expected = painted(*style);
            const QImage got = painted(*ours);
            QVERIFY(!got.isNull());
            QVERIFY2(got == expected, qPrintable(texts.join(" | ")));
        }
        // A cell with a colour of its own is the style's to draw, colour and all.
        for (QTableWidget* t : {style.get(), ours.get()})
            t->item(1, 1)->setForeground(Qt::red);
        QCOMPARE(painted(*ours), painted(*style));
        // Left to right, the texts that fit were drawn by the delegate, not handed to the style.
        auto* delegate = static_cast<StaticTextDelegate*>(ours->itemDelegate());
        QCOMPARE(delegate->laidOutTexts() > 0, direction == Qt::LeftToRight);
    }

    // Around the width at which a text stops fitting, cell by cell the same pixels as the style:
    // drawn whole where it fits, elided (by the style) where it does not.
    void elidesWhereTheStyleElides()
    {
        auto style = table(false, Qt::LeftToRight);
        auto ours = table(true, Qt::LeftToRight);
        const QStringList texts = {"equirouter", "0.7431", "1.234e-05", "mlp", "100.0 %", "0.5f"};
        for (QTableWidget* t : {style.get(), ours.get()}) {
            t->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
            fill(*t, texts);
        }
        for (int width = 20; width <= 90; ++width) {
            for (QTableWidget* t : {style.get(), ours.get()})
                for (int c = 0; c < t->columnCount(); ++c)
                    t->setColumnWidth(c, width);
            QVERIFY2(painted(*ours) == painted(*style), qPrintable(QString("columns %1 px wide").arg(width)));
        }
    }

    void showsTheNewTextAfterAChange()
    {
        auto ours = table(true, Qt::LeftToRight);
        fill(*ours, {"0.5000"});
        const QImage before = painted(*ours);
        fill(*ours, {"0.6000"});
        QVERIFY(painted(*ours) != before); // not the laid-out text of before
        fill(*ours, {"0.5000"});
        QCOMPARE(painted(*ours), before);
    }
};

QTEST_MAIN(TestStaticTextDelegate)
#include "test_static_text_delegate.moc"
