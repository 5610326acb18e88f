// routescope: the RouteScope workbench.

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("RouteScope");
    QApplication::setOrganizationName("RouteScope");
    QApplication::setApplicationVersion("0.1.0");

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
    parser.process(app);

    routescope::MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QObject::connect(&window, &routescope::MainWindow::resultShown, &window, [&window, file](bool complete) {
            if (!complete)
                return;
            // One more turn of the event loop so queued replots are painted.
            QTimer::singleShot(300, &window, [&window, file] {
                const bool ok = window.grab().save(file);
                std::fprintf(ok ? stdout : stderr, ok ? "screenshot: %s\n" : "could not write %s\n", qPrintable(file));
                QApplication::exit(ok ? 0 : 1);
            });
        });
    }
    window.openPaths(parser.positionalArguments());
    return app.exec();
}
