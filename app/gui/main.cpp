// routescope: the RouteScope workbench.

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("RouteScope");
    QApplication::setOrganizationName("RouteScope");
    QApplication::setApplicationVersion("0.1.0");
    QApplication::setDesktopFileName("org.routescope.RouteScope");
    QIcon icon(":/icons/routescope.svg");
    for (const int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/routescope-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription("Train, compare and inspect LLM routers.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("files", "Project files to open or dataset files to import.", "[FILE...]");
    QCommandLineOption screenshot("screenshot",
                                  "Save the window as PNG once the first complete results are shown, then quit "
                                  "(for documentation; works with QT_QPA_PLATFORM=offscreen).",
                                  "FILE");
    parser.addOption(screenshot);
    QCommandLineOption windowSize("window-size", "Open the window at this size, e.g. 1280x800.", "WIDTHxHEIGHT");
    parser.addOption(windowSize);
    parser.process(app);

    routescope::MainWindow window;
    if (parser.isSet(windowSize)) {
        const QStringList sides = parser.value(windowSize).split('x');
        if (sides.size() != 2 || sides[0].toInt() < 200 || sides[1].toInt() < 200) {
            std::fprintf(stderr, "routescope: --window-size takes WIDTHxHEIGHT, e.g. 1280x800\n");
            return 2;
        }
        window.resize(sides[0].toInt(), sides[1].toInt());
    }
    window.show();
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QObject::connect(&window, &routescope::MainWindow::resultShown, &window, [&window, file](bool complete) {
            if (!complete)
                return;
            // Replots are queued: a short wait, not one event-loop turn, lets them all be painted first.
            QTimer::singleShot(300, &window, [&window, file] {
                const bool ok = window.grab().save(file);
                std::fprintf(ok ? stdout : stderr, ok ? "screenshot: %s\n" : "could not write %s\n", qPrintable(file));
                QApplication::exit(ok ? 0 : 1);
            });
        });
    }
    if (parser.positionalArguments().isEmpty())
        window.openLastProject();
    else
        window.openPaths(parser.positionalArguments());
    return app.exec();
}
