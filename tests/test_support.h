#pragma once
// Shared helpers for RouteScope's tests.

#include "synthetic/routing_benchmark_generator.h"

#include <QDir>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <fstream>
#include <string>

namespace routescope::test {

// Path of a file under ../shared/data, or an empty string when the folder is missing.
inline QString sharedData(const QString& relative)
{
    const QString path = QStringLiteral(ROUTESCOPE_SHARED_DATA) + "/" + relative;
    return QFile::exists(path) ? path : QString();
}

inline std::string testData(const std::string& relative)
{
    return std::string(ROUTESCOPE_TEST_DATA) + "/" + relative;
}

// Writes a RouterBench-like wide CSV of `queries` synthetic queries without responses.
inline void writeSyntheticCsv(const std::string& path, std::uint64_t seed, int queries)
{
    std::ofstream out(path);
    SyntheticBenchmarkOptions options;
    options.seed = seed;
    options.queries = queries;
    options.responses = SyntheticBenchmarkOptions::Responses::None;
    writeSyntheticRouterBench(out, options);
}

} // namespace routescope::test

// Skips the test, loudly, when real data from ../shared/data is not there.
#define ROUTESCOPE_REQUIRE_SHARED(var, relative)                                                       \
    const QString var = routescope::test::sharedData(relative);                                        \
    if (var.isEmpty())                                                                                 \
        QSKIP(qPrintable(QStringLiteral("SKIPPED LOUDLY: shared data missing: " ROUTESCOPE_SHARED_DATA "/") + \
                         relative));
