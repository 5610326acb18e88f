#pragma once
// Helpers of the workbench tests: opening a project (which runs in the background), answering
// the dialogs the window shows, and settings kept out of the user's home.

#include "main_window.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QPaintEvent>
#include <QRegion>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

namespace routescope::test {

// Every GUI test starts with this: QSettings and QStandardPaths go to a test location, never the
// user's own settings or data folder, and one of the test program's own. CTest runs programs side
// by side: with one shared location, a test that opened a project made it another's "last project".
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("RouteScopeTests");
    QApplication::setApplicationName(QFileInfo(QApplication::applicationFilePath()).fileName());
}

// What the window of a shown widget shows: its backing store as the last paints left it (the
// offscreen platform keeps one per window), not a fresh rendering as QWidget::grab() makes. A
// repaint of part of the widget that missed something shows here, and not in a grab().
inline QImage shownOnScreen(QWidget& widget)
{
    QWidget* window = widget.window();
    const QImage whole = window->screen()->grabWindow(window->winId()).toImage();
    const QPoint at = widget.mapTo(window, QPoint(0, 0)) * window->devicePixelRatio();
    return whole.copy(QRect(at, widget.size() * window->devicePixelRatio())).convertToFormat(QImage::Format_RGB32);
}

// What a budget-slider move (`move`) does to a shown, painted plot: the whole replots it
// causes, its event-loop turn included, where its paint events repainted the widget, and the
// widget as its window shows it after it.
struct SliderMove {
    int wholeReplots = 0;
    QRegion repainted;
    QImage painted;
};
// Collects the regions of a widget's paint events.
class PaintRegions : public QObject {
public:
    QRegion region;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            region += static_cast<QPaintEvent*>(event)->region();
        return false;
    }
};
template <typename Plot, typename Move>
SliderMove moveSlider(Plot& plot, Move move)
{
    SliderMove result;
    QApplication::processEvents(); // what was queued before the move happens before it
    const auto counter = QObject::connect(&plot, &Plot::afterReplot, [&result] { ++result.wholeReplots; });
    PaintRegions paints;
    plot.installEventFilter(&paints);
    move();
    QApplication::processEvents();
    plot.removeEventFilter(&paints);
    QObject::disconnect(counter);
    result.repainted = paints.region;
    result.painted = shownOnScreen(plot);
    return result;
}

// What a plot shows after a whole replot from scratch, to compare a slider move's result with.
template <typename Plot>
QImage shownAfterWholeReplot(Plot& plot)
{
    plot.replot();
    QApplication::processEvents();
    return shownOnScreen(plot);
}

// Saves a grab of `window` when ROUTESCOPE_TEST_GRABS names a folder (to look at it).
inline void grab(QWidget& window, const QString& name)
{
    const QString folder = qEnvironmentVariable("ROUTESCOPE_TEST_GRABS");
    if (folder.isEmpty())
        return;
    QTest::qWait(300); // the plots replot on the next turns of the event loop
    window.grab().save(folder + "/" + name + ".png");
}

// Opens `path` in the window and waits until it is open or has failed; true when open.
inline bool openAndWait(MainWindow& window, const QString& path, bool autoTrain = false)
{
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    window.openProject(path, autoTrain);
    return opened.wait(60000) && opened.first().at(0).toBool();
}

// The visible dialog of type T that `window` shows (window-modal boxes), or nullptr.
template <typename T>
T* visibleDialog(QWidget* window)
{
    for (auto* dialog : window->findChildren<T*>())
        if (dialog->isVisible())
            return dialog;
    return nullptr;
}

// Clicks the button whose text contains `button` in the next application-modal message box (the
// ones shown with exec()), and keeps its text in `text`.
inline void answerNextBox(const QString& button, QString* text = nullptr)
{
    QTimer::singleShot(0, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (text)
            *text = box->text();
        for (auto* b : box->buttons())
            if (b->text().remove('&').contains(button))
                b->click();
    });
}

// The button of a message box whose text contains `text`.
inline QAbstractButton* buttonOf(QMessageBox* box, const QString& text)
{
    for (auto* b : box->buttons())
        if (b->text().remove('&').contains(text))
            return b;
    return nullptr;
}

} // namespace routescope::test
