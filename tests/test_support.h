#pragma once
// Shared helpers for RouteScope's tests.

#include "experiment/experiment.h"
#include "store/sqlite.h"
#include "synthetic/routing_benchmark_generator.h"
#include "util/random.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <vector>
#include <fstream>
#include <string>

namespace routescope::test {

// The stored value of one outcome of a project (schema 5: column blobs, store/outcome_columns.h),
// column "scores", "costs", "input_tokens", "output_tokens" or "latencies"; nullopt when missing.
inline std::optional<double> storedOutcome(sqlite::Database& db, const std::string& sampleId, const std::string& model,
                                           const std::string& column, std::int64_t dataset = 0)
{
    auto read = db.prepare("SELECT mo." + column + ", q.position FROM model_outcomes mo JOIN models m ON m.id = mo.model_id"
                           " JOIN queries q ON q.dataset_id = m.dataset_id WHERE q.sample_id = ? AND m.name = ?"
                           " AND (? = 0 OR m.dataset_id = ?)");
    read.bind(1, sampleId).bind(2, model).bind(3, dataset).bind(4, dataset);
    if (!read.step())
        throw std::runtime_error("no outcome for " + sampleId + " / " + model);
    const auto position = static_cast<std::size_t>(read.int64(1));
    if (read.isNull(0) || std::size_t(read.blobBytes(0)) < (position + 1) * sizeof(double))
        return std::nullopt;
    double value;
    std::memcpy(&value, static_cast<const char*>(read.blob(0)) + position * sizeof(double), sizeof value);
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

// Another program's edit: sets one stored outcome value of a project to `value`.
inline void setStoredOutcome(const std::string& path, const std::string& sampleId, const std::string& model,
                             const std::string& column, double value)
{
    sqlite::Database db(path, sqlite::Database::Mode::ReadWrite);
    auto read = db.prepare("SELECT mo." + column + ", q.position, m.id FROM model_outcomes mo JOIN models m ON m.id = mo.model_id"
                           " JOIN queries q ON q.dataset_id = m.dataset_id WHERE q.sample_id = ? AND m.name = ?");
    read.bind(1, sampleId).bind(2, model);
    if (!read.step() || read.isNull(0))
        throw std::runtime_error("no stored " + column + " for " + sampleId + " / " + model);
    std::vector<char> blob(static_cast<const char*>(read.blob(0)), static_cast<const char*>(read.blob(0)) + read.blobBytes(0));
    const auto position = static_cast<std::size_t>(read.int64(1));
    std::memcpy(blob.data() + position * sizeof(double), &value, sizeof value);
    auto write = db.prepare("UPDATE model_outcomes SET " + column + " = ? WHERE model_id = ?");
    write.bindBlob(1, blob.data(), blob.size()).bind(2, read.int64(2)).run();
}

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

// RouterBench's 11 models, as its wide CSV names them.
inline std::vector<std::string> routerBenchModels()
{
    return {"WizardLM/WizardLM-13B-V1.2", "claude-instant-v1", "claude-v1", "claude-v2", "gpt-3.5-turbo-1106",
            "gpt-4-1106-preview", "meta/code-llama-instruct-34b-chat", "meta/llama-2-70b-chat",
            "mistralai/mistral-7b-chat", "mistralai/mixtral-8x7b-chat", "zero-one-ai/Yi-34B-Chat"};
}

// A run without training, for plots: random 0/1 truth (often tied), prices doubling from model to
// model, and one router per name predicting a noisy copy of the truth.
inline ExperimentRun noisyRun(const std::vector<std::string>& routers, int models, int queries, std::uint64_t seed)
{
    Random random(seed);
    ExperimentRun run;
    run.trueScores = Eigen::MatrixXd::NullaryExpr(queries, models, [&random](Eigen::Index, Eigen::Index m) {
        return random.uniform() < 0.4 + 0.05 * double(m) ? 1.0 : 0.0;
    });
    run.trueCosts = Eigen::MatrixXd::NullaryExpr(queries, models, [&random](Eigen::Index, Eigen::Index m) {
        return 1e-5 * std::pow(2.0, double(m)) * (0.5 + random.uniform());
    });
    run.predictedCost = run.trueCosts * 1.1;
    for (std::size_t r = 0; r < routers.size(); ++r) {
        const double noise = 0.3 * double(r + 1);
        const Eigen::MatrixXd P = run.trueScores + Eigen::MatrixXd::NullaryExpr(queries, models, [&](Eigen::Index, Eigen::Index) {
                                      return noise * (random.uniform() - 0.5);
                                  });
        run.routers.push_back({parseRouterSpec(routers[r]), {}, P, 0});
    }
    return run;
}

inline std::vector<QString> qtNames(const std::vector<std::string>& names)
{
    std::vector<QString> out;
    for (const auto& n : names)
        out.push_back(QString::fromStdString(n));
    return out;
}

inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace routescope::test

// Skips the test, loudly, when real data from ../shared/data is not there.
#define ROUTESCOPE_REQUIRE_SHARED(var, relative)                                                       \
    const QString var = routescope::test::sharedData(relative);                                        \
    if (var.isEmpty())                                                                                 \
        QSKIP(qPrintable(QStringLiteral("SKIPPED LOUDLY: shared data missing: " ROUTESCOPE_SHARED_DATA "/") + \
                         relative));
