// routescope: the RouteScope workbench.

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>

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
    parser.process(app);

    routescope::MainWindow window;
    window.show();
    window.openPaths(parser.positionalArguments());
    return app.exec();
}
