// RouteScope's side of the pipeline comparison with the Python reference (bench/run.sh): each step
// is its own process, so its peak RSS is its own; inputs are loaded untimed, the work is timed.
//   bench_pipeline featurize --db PROJECT [--repeats 3] [--out FEATURES.npy] --json OUT
//   bench_pipeline split --db PROJECT --seed S [--train-size 30000] --out SPLIT.json
//   bench_pipeline train --db PROJECT --features F.npy --seed S [--train-size 30000] --work DIR --json OUT
//   bench_pipeline sweep --db PROJECT --features F.npy --seed S [--train-size 30000] --work DIR [--repeats 3]
//                        [--budgets 100] --json OUT
// The project holds one dataset (routescope-cli import); its queries are the rows, in file order.

#include "features/text_featurizer.h"
#include "pipeline/learned_routers.h"
#include "pipeline/npy_file.h"
#include "pipeline/row_split.h"
#include "pipeline/step_report.h"
#include "pipeline/sweep_metrics.h"
#include "routers/cost_model.h"
#include "routers/equirouter.h"
#include "routers/router_factory.h"
#include "store/project_store.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using namespace routescope;
using namespace routescope::bench;

namespace {

class Options {
public:
    Options(int argc, char** argv)
    {
        for (int i = 2; i < argc; i += 2) {
            const std::string name = argv[i];
            if (name.rfind("--", 0) != 0 || i + 1 >= argc)
                throw std::invalid_argument("expected --option value pairs, got '" + name + "'");
            values_[name.substr(2)] = argv[i + 1];
        }
    }
    std::string text(const std::string& name) const
    {
        const auto it = values_.find(name);
        if (it == values_.end())
            throw std::invalid_argument("--" + name + " is required");
        return it->second;
    }
    std::string text(const std::string& name, const std::string& fallback) const
    {
        return values_.count(name) ? values_.at(name) : fallback;
    }
    long number(const std::string& name, long fallback) const
    {
        return values_.count(name) ? std::stol(values_.at(name)) : fallback;
    }

private:
    std::map<std::string, std::string> values_;
};

OutcomeMatrix loadOnlyDataset(const std::string& path, bool withText)
{
    ProjectStore store(path, ProjectStore::Access::ReadOnly);
    const auto datasets = store.datasets();
    if (datasets.size() != 1)
        throw std::invalid_argument(path + ": expected exactly one dataset");
    if (datasets[0].incompleteRows != 0)
        throw std::invalid_argument(path + ": incomplete rows would shift query rows against the CSV's order");
    return store.loadOutcomes(datasets[0].id, withText);
}

template <typename Matrix>
Matrix selectRows(const Matrix& m, const std::vector<Eigen::Index>& rows)
{
    Matrix out(Eigen::Index(rows.size()), m.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(Eigen::Index(i)) = m.row(rows[i]);
    return out;
}

std::vector<QueryInfo> selectQueries(const OutcomeMatrix& data, const std::vector<Eigen::Index>& rows)
{
    std::vector<QueryInfo> out;
    out.reserve(rows.size());
    for (const Eigen::Index row : rows)
        out.push_back(data.queries[std::size_t(row)]);
    return out;
}

// The queries, features and split every later step shares.
struct SplitData {
    OutcomeMatrix data;
    FeatureMatrix features;
    RowSplit split;
};

SplitData loadSplitData(const Options& options)
{
    SplitData d{loadOnlyDataset(options.text("db"), true), readNpy(options.text("features")), {}};
    if (d.features.rows() != d.data.queryCount())
        throw std::invalid_argument("features have " + std::to_string(d.features.rows()) + " rows, the dataset " +
                                    std::to_string(d.data.queryCount()) + " queries");
    d.split = shuffledSplit(d.data.queryCount(), options.number("train-size", 30000),
                            std::uint64_t(options.number("seed", 0)));
    return d;
}

std::string routerPath(const std::string& work, const std::string& name)
{
    return work + "/" + name + ".router";
}

int featurize(const Options& options)
{
    const OutcomeMatrix data = loadOnlyDataset(options.text("db"), true);
    std::vector<std::string> texts;
    texts.reserve(data.queries.size());
    for (const auto& query : data.queries)
        texts.push_back(query.text);
    const double baseline = residentMb();
    std::vector<double> runs;
    FeatureMatrix features;
    TextFeaturizer featurizer;
    for (long r = 0; r < options.number("repeats", 3); ++r)
        runs.push_back(timeSeconds([&] {
            featurizer = TextFeaturizer();
            featurizer.fit(texts, {});
            features = featurizer.transform(texts);
        }));
    if (const auto out = options.text("out", ""); !out.empty())
        writeNpy(out, features);
    JsonWriter json;
    beginStepJson(json, "featurize", runs, baseline);
    json.key("shape").beginArray().value(long(features.rows())).value(long(features.cols())).endArray();
    json.key("settings").value(featurizer.settings().key());
    json.endObject();
    writeTextFile(options.text("json"), json.str());
    return 0;
}

int split(const Options& options)
{
    const OutcomeMatrix data = loadOnlyDataset(options.text("db"), false);
    writeSplitJson(options.text("out"), shuffledSplit(data.queryCount(), options.number("train-size", 30000),
                                                      std::uint64_t(options.number("seed", 0))));
    return 0;
}

int train(const Options& options)
{
    const SplitData d = loadSplitData(options);
    const std::string work = options.text("work");
    const FeatureMatrix x = selectRows(d.features, d.split.train);
    const Eigen::MatrixXd scores = selectRows(d.data.scores, d.split.train);
    const Eigen::MatrixXd costs = selectRows(d.data.costs, d.split.train);
    const std::vector<QueryInfo> queries = selectQueries(d.data, d.split.train);
    const double baseline = residentMb();

    std::vector<std::pair<std::string, double>> seconds;
    CostModel costModel;
    seconds.emplace_back("cost_model", timeSeconds([&] { costModel.fit(costQueries(queries), costs); }));
    BinaryWriter costBlob;
    costModel.save(costBlob);
    writeBlob(work + "/cost_model.bin", costBlob);
    std::vector<double> epochLosses;
    for (const auto& spec : learnedRouters(std::uint64_t(options.number("seed", 0)))) {
        auto router = makeRouter(spec.kind, spec.settings);
        seconds.emplace_back(spec.name, timeSeconds([&] { router->fit({x, scores, costs}, nullptr, {}); }));
        saveRouter(*router, routerPath(work, spec.name));
        if (const auto* equirouter = dynamic_cast<const EquiRouter*>(router.get()))
            epochLosses = equirouter->epochLosses();
        std::fprintf(stderr, "  %s trained in %.2f s\n", spec.name.c_str(), seconds.back().second);
    }
    double total = 0;
    for (const auto& [name, s] : seconds)
        total += s;

    JsonWriter json;
    beginStepJson(json, "train", {total}, baseline);
    json.key("train_queries").value(long(d.split.train.size()));
    json.key("test_queries").value(long(d.split.test.size()));
    json.key("router_seconds").beginObject();
    for (const auto& [name, s] : seconds)
        json.key(name).value(s);
    json.endObject();
    json.key("equirouter_epoch_losses").beginArray();
    for (const double loss : epochLosses)
        json.value(loss);
    json.endArray();
    json.endObject();
    writeTextFile(options.text("json"), json.str());
    return 0;
}

CostModel loadCostModel(const std::string& path)
{
    const std::vector<char> bytes = readBlob(path);
    BinaryReader reader(bytes.data(), bytes.size());
    CostModel model;
    model.load(reader);
    return model;
}

// P of the routers RouteScope has no kind for, built here as the reference builds them.
Eigen::MatrixXd modelMeanQuality(const Eigen::RowVectorXd& trainMean, Eigen::Index rows)
{
    return trainMean.replicate(rows, 1);
}

Eigen::MatrixXd taskMeanQuality(const OutcomeMatrix& data, const RowSplit& split)
{
    std::map<std::string, std::pair<Eigen::RowVectorXd, double>> sums;
    for (const Eigen::Index row : split.train) {
        auto& [sum, count] = sums.try_emplace(data.queries[std::size_t(row)].task,
                                              Eigen::RowVectorXd::Zero(data.modelCount()), 0.0).first->second;
        sum += data.scores.row(row);
        count += 1;
    }
    const Eigen::RowVectorXd fallback = selectRows(data.scores, split.train).colwise().mean();
    Eigen::MatrixXd quality(Eigen::Index(split.test.size()), data.modelCount());
    for (std::size_t i = 0; i < split.test.size(); ++i) {
        const auto it = sums.find(data.queries[std::size_t(split.test[i])].task);
        quality.row(Eigen::Index(i)) = it == sums.end() ? fallback : Eigen::RowVectorXd(it->second.first / it->second.second);
    }
    return quality;
}

int sweep(const Options& options)
{
    const SplitData d = loadSplitData(options);
    const std::string work = options.text("work");
    const auto specs = learnedRouters(std::uint64_t(options.number("seed", 0)));
    std::vector<std::unique_ptr<Router>> routers;
    for (const auto& spec : specs)
        routers.push_back(loadRouter(spec, routerPath(work, spec.name)));
    const CostModel costModel = loadCostModel(work + "/cost_model.bin");
    const FeatureMatrix x = selectRows(d.features, d.split.test);
    const Eigen::MatrixXd A = selectRows(d.data.scores, d.split.test);
    const Eigen::MatrixXd K = selectRows(d.data.costs, d.split.test);
    const std::vector<QueryInfo> queries = selectQueries(d.data, d.split.test);
    const Eigen::RowVectorXd trainMean = selectRows(d.data.scores, d.split.train).colwise().mean();
    const int budgets = int(options.number("budgets", 100));
    const double baseline = residentMb();

    std::vector<double> runs, inference, sweeping, scoring;
    std::map<std::string, std::vector<double>> routerInference;
    std::vector<RouterMetrics> metrics;
    for (long r = 0; r < options.number("repeats", 3); ++r) {
        std::vector<RoutedPrediction> predictions;
        std::vector<BudgetSweep> sweeps;
        runs.push_back(timeSeconds([&] {
            inference.push_back(timeSeconds([&] {
                const Eigen::MatrixXd C = costModel.predict(costQueries(queries));
                predictions.push_back({"oracle", A, K});
                const SingleModelPoint best = bestSingleModel(A, K);
                Eigen::MatrixXd onlyBest = Eigen::MatrixXd::Zero(A.rows(), A.cols());
                onlyBest.col(best.model).setOnes();
                // Free and best everywhere: every budget picks the best single model (one point).
                predictions.push_back({"best_single", onlyBest, Eigen::MatrixXd::Zero(A.rows(), A.cols())});
                const auto timed = [&](const std::string& name, const std::function<Eigen::MatrixXd()>& predict) {
                    Eigen::MatrixXd P;
                    routerInference[name].push_back(timeSeconds([&] { P = predict(); }));
                    predictions.push_back({name, std::move(P), C});
                };
                timed("model_mean", [&] { return modelMeanQuality(trainMean, A.rows()); });
                timed("task_mean", [&] { return taskMeanQuality(d.data, d.split); });
                for (std::size_t i = 0; i < specs.size(); ++i)
                    timed(specs[i].name, [&] { return routers[i]->predictQuality(x); });
            }));
            sweeping.push_back(timeSeconds([&] { sweeps = sweepAll(predictions, A, K, budgets); }));
            scoring.push_back(timeSeconds([&] { metrics = metricsOf(predictions, sweeps, A, K); }));
        }));
    }

    JsonWriter json;
    beginStepJson(json, "sweep", runs, baseline);
    json.key("inference_seconds").value(median(inference));
    json.key("sweep_seconds").value(median(sweeping));
    json.key("metrics_seconds").value(median(scoring));
    json.key("router_inference_seconds").beginObject();
    for (const auto& [name, s] : routerInference)
        json.key(name).value(median(s));
    json.endObject();
    json.key("test_queries").value(long(A.rows()));
    json.key("best_single").value(d.data.models[std::size_t(bestSingleModel(A, K).model)].name);
    json.key("metrics");
    writeMetricsJson(json, metrics);
    json.endObject();
    writeTextFile(options.text("json"), json.str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::map<std::string, int (*)(const Options&)> commands = {
        {"featurize", featurize}, {"split", split}, {"train", train}, {"sweep", sweep}};
    if (argc < 2 || !commands.count(argv[1])) {
        std::fprintf(stderr, "usage: bench_pipeline featurize|split|train|sweep --option value ... "
                             "(see the comment at the top of bench/bench_pipeline.cpp)\n");
        return 2;
    }
    try {
        return commands.at(argv[1])(Options(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_pipeline %s: %s\n", argv[1], e.what());
        return 1;
    }
}
