#include "routers/cost_model.h"

#include "test_support.h"

#include <QTest>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

using namespace routescope;

namespace {

// Minimal RFC 4180 reader (quoted fields may hold commas, quotes and newlines); the importer is not used here.
std::vector<std::vector<std::string>> readCsv(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    const std::string text = buffer.str();
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty())
        rows.back().push_back(std::move(field));
    else
        rows.pop_back();
    return rows;
}

struct CostData {
    std::vector<QueryInfo> queries;
    Eigen::MatrixXd costs;
};

// Prompt, task and the "<model>|total_cost" columns of a RouterBench wide CSV; empty cells become NaN.
CostData readRouterBenchCosts(const QString& path)
{
    const auto rows = readCsv(path.toStdString());
    const auto& header = rows.at(0);
    std::size_t prompt = 0, task = 0;
    std::vector<std::size_t> costColumns;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c] == "prompt")
            prompt = c;
        else if (header[c] == "eval_name")
            task = c;
        else if (header[c].size() > 11 && header[c].ends_with("|total_cost"))
            costColumns.push_back(c);
    }
    CostData data;
    data.costs.resize(static_cast<Eigen::Index>(rows.size() - 1), static_cast<Eigen::Index>(costColumns.size()));
    for (std::size_t r = 1; r < rows.size(); ++r) {
        data.queries.push_back({"", rows[r].at(prompt), rows[r].at(task)});
        for (std::size_t m = 0; m < costColumns.size(); ++m) {
            const std::string& cell = rows[r].at(costColumns[m]);
            data.costs(static_cast<Eigen::Index>(r - 1), static_cast<Eigen::Index>(m)) =
                cell.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(cell);
        }
    }
    return data;
}

double meanSquaredError(const Eigen::MatrixXd& predicted, const Eigen::MatrixXd& actual)
{
    double sum = 0.0;
    int count = 0;
    for (Eigen::Index i = 0; i < actual.size(); ++i)
        if (std::isfinite(actual(i))) {
            sum += std::pow(predicted(i) - actual(i), 2);
            ++count;
        }
    return sum / count;
}

CostQuery query(std::size_t length, const std::string& task)
{
    return {task, double(length)};
}

} // namespace

class TestCostModel : public QObject {
    Q_OBJECT

private slots:
    void recoversLinearCostsPerTask()
    {
        // c = alpha[task][m] + beta[m] * length, exactly.
        const double beta[2] = {1e-6, 3e-6};
        const double alpha[2][2] = {{0.001, 0.004}, {0.002, 0.010}};
        const std::size_t lengths[] = {100, 250, 400, 900, 1300, 2000};
        std::vector<CostQuery> queries;
        Eigen::MatrixXd costs(12, 2);
        for (int t = 0; t < 2; ++t)
            for (int i = 0; i < 6; ++i) {
                queries.push_back(query(lengths[i] + t * 50, t ? "math" : "arc"));
                for (int m = 0; m < 2; ++m)
                    costs(t * 6 + i, m) = alpha[t][m] + beta[m] * double(lengths[i] + t * 50);
            }
        CostModel model;
        model.fit(queries, costs);
        QVERIFY(std::abs(model.slope()[0] - beta[0]) < 1e-15);
        QVERIFY(std::abs(model.slope()[1] - beta[1]) < 1e-15);

        const Eigen::MatrixXd p = model.predict({query(5000, "arc"), query(10, "math"), query(1000, "unseen")});
        QVERIFY(std::abs(p(0, 1) - (0.004 + 3e-6 * 5000)) < 1e-12);
        QVERIFY(std::abs(p(1, 0) - (0.002 + 1e-6 * 10)) < 1e-12);
        // Unknown task: pooled mean cost minus slope times pooled mean length (both tasks weigh equally here).
        const double pooledAlpha0 = (0.001 + 0.002) / 2;
        QVERIFY(std::abs(p(2, 0) - (pooledAlpha0 + 1e-6 * 1000)) < 1e-12);
    }

    void longerPromptsNeverCostLessAndMissingCellsAreSkipped()
    {
        std::vector<CostQuery> queries = {query(100, "t"), query(200, "t"), query(300, "t"), query(400, "t")};
        Eigen::MatrixXd costs(4, 1);
        costs << 0.4, 0.3, std::numeric_limits<double>::quiet_NaN(), 0.1; // falls with length
        CostModel model;
        model.fit(queries, costs);
        QCOMPARE(model.slope()[0], 0.0);
        QVERIFY(std::abs(model.predict({query(50, "t")})(0, 0) - (0.4 + 0.3 + 0.1) / 3) < 1e-15);
    }

    void beatsPerModelMeanOnHeldOutRouterBench()
    {
        ROUTESCOPE_REQUIRE_SHARED(trainPath, "routerbench/arc_challenge_train.csv");
        ROUTESCOPE_REQUIRE_SHARED(testPath, "routerbench/arc_challenge_test.csv");
        const CostData train = readRouterBenchCosts(trainPath);
        const CostData test = readRouterBenchCosts(testPath);
        QCOMPARE(train.costs.cols(), 11);
        QCOMPARE(train.queries.size(), std::size_t(1039));

        CostModel model;
        model.fit(costQueries(train.queries), train.costs);
        const double modelError = meanSquaredError(model.predict(costQueries(test.queries)), test.costs);

        Eigen::RowVectorXd meanCost(train.costs.cols());
        for (Eigen::Index m = 0; m < train.costs.cols(); ++m) {
            double sum = 0.0;
            int count = 0;
            for (Eigen::Index n = 0; n < train.costs.rows(); ++n)
                if (std::isfinite(train.costs(n, m))) {
                    sum += train.costs(n, m);
                    ++count;
                }
            meanCost[m] = sum / count;
        }
        const Eigen::MatrixXd baseline = meanCost.replicate(test.costs.rows(), 1);
        const double meanError = meanSquaredError(baseline, test.costs);
        qInfo("held-out cost MSE: length model %.4g, per-model mean %.4g (ratio %.3f)", modelError, meanError,
              modelError / meanError);
        QVERIFY(modelError < 0.5 * meanError);
    }

    void saveLoadGivesIdenticalPredictions()
    {
        std::vector<CostQuery> queries = {query(10, "a"), query(30, "a"), query(20, "b"), query(60, "b")};
        Eigen::MatrixXd costs(4, 2);
        costs << 1, 2, 3, 5, 2, 1, 4, 9;
        CostModel model;
        model.fit(queries, costs);
        BinaryWriter out;
        model.save(out);
        CostModel loaded;
        BinaryReader in(out.bytes().data(), out.bytes().size());
        loaded.load(in);
        QVERIFY(in.atEnd());
        const std::vector<CostQuery> probe = {query(15, "a"), query(45, "b"), query(5, "c")};
        QVERIFY(loaded.predict(probe) == model.predict(probe));

        BinaryReader truncated(out.bytes().data(), out.bytes().size() - 3);
        CostModel broken;
        QVERIFY_THROWS_EXCEPTION(FormatError, broken.load(truncated));
    }
};

QTEST_GUILESS_MAIN(TestCostModel)
#include "test_cost_model.moc"
