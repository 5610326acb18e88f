// The core's builds per instruction set (core/CMakeLists.txt): glibc loads the newest one the CPU
// runs, each one runs when the loader is told to use it, and they compare routers alike.

#include "cli_runner.h"

#include "util/vector_instructions.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <map>

namespace {

const QString kLoader = QStringLiteral(ROUTESCOPE_LOADER); // glibc's, as tests/CMakeLists.txt names it

// What coreVectorInstructions() says in the build of each x86-64 level; "" for the portable one.
const std::map<QString, QString> kLevels = {
    {QString(), QStringLiteral("SSE2")},
    {QStringLiteral("x86-64-v3"), QStringLiteral("AVX2 and FMA")},
    {QStringLiteral("x86-64-v4"), QStringLiteral("AVX-512")},
};

bool cpuRuns(const QString& level)
{
    if (level == "x86-64-v4")
        return __builtin_cpu_supports("x86-64-v4");
    if (level == "x86-64-v3")
        return __builtin_cpu_supports("x86-64-v3");
    return true;
}

// routescope-cli started by glibc's loader, which searches only `level`'s glibc-hwcaps folder
// ("": none, so the portable core loads). Every symbol is bound at start, so one missing from a
// core fails here, not at its first call.
CliResult runCliOnCore(const QString& level, const QStringList& args)
{
    QProcessEnvironment bindNow;
    bindNow.insert(QStringLiteral("LD_BIND_NOW"), QStringLiteral("1"));
    const QString mask = level.isEmpty() ? QStringLiteral("none") : level;
    return runProgram(kLoader, QStringList{"--glibc-hwcaps-mask", mask, QStringLiteral(ROUTESCOPE_CLI)} + args, bindNow);
}

} // namespace

class TestCoreVariants : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void init()
    {
#ifndef ROUTESCOPE_CORE_VARIANTS
        QSKIP("the core is built once here (ROUTESCOPE_CORE_VARIANTS is off: -march=native, sanitizers or not x86-64)");
#endif
        if (!QFile::exists(kLoader))
            QSKIP(qPrintable("no glibc loader at " + kLoader));
    }

    void theNewestCoreTheCpuRunsIsLoaded()
    {
        QString newest;
        for (const auto& [level, instructions] : kLevels)
            if (cpuRuns(level))
                newest = instructions; // the map is ordered portable, v3, v4
        QCOMPARE(QString::fromUtf8(routescope::coreVectorInstructions().data(),
                                   qsizetype(routescope::coreVectorInstructions().size())),
                 newest);
        const auto version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains("core running with " + newest.toUtf8()), version.out.constData());
    }

    void eachCoreRunsWhenTheLoaderIsToldSo()
    {
        for (const auto& [level, instructions] : kLevels) {
            if (!cpuRuns(level))
                continue;
            const auto version = runCliOnCore(level, {"--version"});
            QCOMPARE(version.exitCode, 0);
            QVERIFY2(version.out.contains("core running with " + instructions.toUtf8()),
                     qPrintable(level + ": " + version.out));
        }
    }

    // Ridge and kNN are not trained by descent, so the cores' roundings (FMA, vector width) stay
    // in the last bits of their predictions: on this data no routing decision changes, so the
    // metrics agree to rounding. (A decision flipped by a near-tie would move a metric by about
    // 1/400 and fail this: a real difference between the cores, to be documented, not loosened.)
    void everyCoreComparesRoutersAlike()
    {
        const QString csv = dir_.filePath("synthetic.csv");
        QCOMPARE(runCli({"generate", "--out", csv, "--queries", "400", "--seed", "5", "--no-responses"}).exitCode, 0);
        const QStringList compare = {"compare", "--train", csv, "--routers", "ridge,knn", "--seeds", "0",
                                     "--bootstrap", "0", "--json", "-"};
        std::map<QString, QJsonArray> routersOf;
        for (const auto& [level, instructions] : kLevels) {
            if (!cpuRuns(level))
                continue;
            const auto result = runCliOnCore(level, compare);
            QCOMPARE(result.exitCode, 0);
            const auto summary = jsonObject(result.out);
            QCOMPARE(summary["trained_on_core"].toString(), instructions);
            routersOf[instructions] = summary["routers"].toArray();
        }
        const QJsonArray portable = routersOf.at("SSE2");
        QCOMPARE(portable.size() > 2, true);
        for (const auto& [instructions, routers] : routersOf) {
            QCOMPARE(routers.size(), portable.size());
            for (qsizetype r = 0; r < routers.size(); ++r) {
                const auto a = routers[r].toObject(), b = portable[r].toObject();
                QCOMPARE(a["name"].toString(), b["name"].toString());
                for (const char* metric : {"auc", "aiq", "peak", "top_model_share"})
                    QVERIFY2(qAbs(a[metric].toDouble() - b[metric].toDouble()) <= 1e-9,
                             qPrintable(instructions + " " + a["name"].toString() + " " + metric + ": " +
                                        QString::number(a[metric].toDouble(), 'g', 17) + " against SSE2's " +
                                        QString::number(b[metric].toDouble(), 'g', 17)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCoreVariants)
#include "test_core_variants.moc"
