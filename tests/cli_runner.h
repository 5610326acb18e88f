#pragma once
// routescope-cli run as a script runs it, for the tests of the command line: its exit code and
// output, and its JSON. Include only in targets that define ROUTESCOPE_CLI (tests/CMakeLists.txt).

#include <QByteArray>
#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

struct CliResult {
    int exitCode = -1; // -1: the process crashed
    QByteArray out;
    QByteArray err;
};

inline CliResult runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(ROUTESCOPE_CLI), args);
    if (!p.waitForFinished(300000))
        qFatal("routescope-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// The JSON object of `text`, or an empty one (with a warning) when it is not JSON.
inline QJsonObject jsonObject(const QByteArray& text)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << text.left(200);
    return doc.object();
}
