#pragma once
// routescope-cli run as a script runs it, for the tests of the command line: its exit code and
// output, and its JSON. Include only in targets that define ROUTESCOPE_CLI (tests/CMakeLists.txt).

#include <QByteArray>
#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

struct CliResult {
    int exitCode = -1; // -1: the process crashed
    QByteArray out;
    QByteArray err;
};

// `program` with `args`, in this process's environment plus `environment`.
inline CliResult runProgram(const QString& program, const QStringList& args,
                            const QProcessEnvironment& environment = {})
{
    QProcess p;
    auto merged = QProcessEnvironment::systemEnvironment();
    merged.insert(environment);
    p.setProcessEnvironment(merged);
    p.start(program, args);
    if (!p.waitForFinished(300000))
        qFatal("%s did not finish", qPrintable(program));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline CliResult runCli(const QStringList& args)
{
    return runProgram(QStringLiteral(ROUTESCOPE_CLI), args);
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
