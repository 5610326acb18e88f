// Inputs that once crashed a fuzz target (tests/fuzz/regressions/<target>/) replayed through the
// same calls in the ordinary suite, so the sanitizer build in CI guards every fix: a saved blob
// loads or throws FormatError, a data file imports or throws ImportError, a project file is
// refused or read, nothing else.

#include "features/text_featurizer.h"
#include "fuzz/fuzz_projects.h"
#include "import/importer.h"
#include "routers/cost_model.h"
#include "routers/router_factory.h"
#include "store/project_check.h"
#include "store/project_store.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <iterator>

using namespace routescope;

Q_DECLARE_METATYPE(std::string)

namespace {

const char* kRegressions = ROUTESCOPE_TEST_DATA "/../fuzz/regressions";

std::vector<std::uint8_t> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What the fuzz target does with the bytes; true when the input was accepted.
bool replay(const std::string& target, const std::string& path, ProjectStore& store)
{
    const auto bytes = readBytes(path);
    if (target == "router_load" || target == "pipeline_load") {
        if (bytes.empty())
            return false;
        BinaryReader in(bytes.data() + 1, bytes.size() - 1);
        try {
            if (target == "router_load") {
                const auto& kinds = learnedRouterKinds();
                makeRouter(kinds[bytes[0] % kinds.size()])->load(in);
            } else if (bytes[0] % 2 == 0) {
                TextFeaturizer featurizer;
                featurizer.load(in);
                featurizer.transform({"What is the capital of France?"});
            } else {
                CostModel costs;
                costs.load(in);
                costs.predict({CostQuery{"task", 14}});
            }
            return true;
        } catch (const FormatError&) {
            return false;
        }
    }
    if (target == "price_tokens") {
        fuzz::priceTableWithTokens(bytes.data(), bytes.size(), store);
        return true;
    }
    if (target == "project_open") {
        fuzz::projectFile(fuzz::projectScratch(bytes.data(), bytes.size()));
        return true;
    }
    ImportOptions options;
    if (target == "wide_csv")
        options.format = DatasetFormat::RouterBenchWide;
    else if (target == "long_csv")
        options.format = DatasetFormat::LongCsv;
    else if (target == "long_jsonl")
        options.format = DatasetFormat::LongJsonl;
    else
        throw std::logic_error("no replay for fuzz target " + target);
    try {
        importDataset(store, path, options);
        return true;
    } catch (const ImportError&) {
        return false;
    }
}

} // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void replaysWithoutCrash_data()
    {
        QTest::addColumn<std::string>("target");
        QTest::addColumn<std::string>("path");
        QDir root(kRegressions);
        for (const auto& target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            for (const auto& file : QDir(root.filePath(target)).entryList(QDir::Files))
                QTest::newRow(qPrintable(target + "/" + file))
                    << target.toStdString() << QDir(root.filePath(target)).filePath(file).toStdString();
    }

    // Replayed without a crash, and with nothing lost or half-written: a refused data file adds no
    // dataset, an accepted one adds one, and the project passes the full check afterwards.
    void replaysWithoutCrash()
    {
        QFETCH(std::string, target);
        QFETCH(std::string, path);
        const std::string project = (dir_.path() + "/replay.routescope").toStdString();
        ProjectStore store(project);
        const auto before = store.datasets().size();
        const bool accepted = replay(target, path, store);
        // Blobs and project files are read elsewhere, and a price-table replay removes what it imported.
        const bool keepsImport = target == "wide_csv" || target == "long_csv" || target == "long_jsonl";
        QCOMPARE(store.datasets().size(), before + (keepsImport && accepted ? 1 : 0));
        const ProjectCheck check = checkProject(project, CheckDepth::Full);
        QVERIFY2(check.healthy(), check.problems.empty() ? "" : check.problems.front().c_str());
    }

    void knownCrashesAreRefused()
    {
        // Both once passed an empty matrix's null data pointer to memcpy; both blobs are damaged.
        ProjectStore store(":memory:");
        QVERIFY(!replay("router_load", std::string(kRegressions) + "/router_load/knn_empty_matrix", store));
        QVERIFY(!replay("pipeline_load", std::string(kRegressions) + "/pipeline_load/cost_model_empty_matrix", store));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
