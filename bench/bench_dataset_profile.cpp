// The measures the synthetic sample is calibrated against (sample_data/README.md), for any
// dataset of a project, so the sample and the real sets are measured the same way:
//   bench_dataset_profile --db PROJECT --dataset NAME
// - top-score tie rate: share of queries whose top score two or more models share;
// - spread of single-model quality: per task, the standard deviation over models of their mean
//   score, and the best model's mean minus the median model's; averaged over tasks by size; and
//   the same over all queries, tasks ignored;
// - prompt informativeness: with the default text features (fitted on all the queries), how
//   often a query and its nearest other query (cosine) agree on a model's 0/1 score, as Cohen's
//   kappa against the agreement the models' overall accuracies give by chance, averaged over
//   models; and the same for "which model is the cheapest with the top score" (the oracle's pick).

#include "evaluation/metrics.h"
#include "features/text_featurizer.h"
#include "store/project_store.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using namespace routescope;

namespace {

struct TaskSpread {
    double modelStd = 0;    // std over models of their mean score on the task
    double bestOverMedian = 0;
};

TaskSpread spreadOf(const Eigen::MatrixXd& scores)
{
    const Eigen::RowVectorXd means = scores.colwise().mean();
    const double mean = means.mean();
    TaskSpread spread;
    spread.modelStd = std::sqrt((means.array() - mean).square().sum() / double(means.size()));
    std::vector<double> sorted(means.data(), means.data() + means.size());
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    spread.bestOverMedian = sorted.back() - median;
    return spread;
}

// Index of each row's most similar other row (rows are L2-normalised, so by dot product).
std::vector<Eigen::Index> nearestOther(const FeatureMatrix& x)
{
    std::vector<Eigen::Index> nearest(static_cast<std::size_t>(x.rows()), 0);
    const Eigen::Index block = 512;
    for (Eigen::Index start = 0; start < x.rows(); start += block) {
        const Eigen::Index count = std::min(block, x.rows() - start);
        Eigen::MatrixXf similarity = x.middleRows(start, count) * x.transpose();
        for (Eigen::Index i = 0; i < count; ++i) {
            similarity(i, start + i) = -std::numeric_limits<float>::infinity();
            similarity.row(i).maxCoeff(&nearest[std::size_t(start + i)]);
        }
    }
    return nearest;
}

// Cohen's kappa of two label vectors over the same items.
double kappa(const std::vector<int>& a, const std::vector<int>& b, int labels)
{
    std::vector<double> pa(std::size_t(labels), 0), pb(std::size_t(labels), 0);
    double agree = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        agree += a[i] == b[i];
        pa[std::size_t(a[i])] += 1;
        pb[std::size_t(b[i])] += 1;
    }
    const double n = double(a.size());
    double chance = 0;
    for (int l = 0; l < labels; ++l)
        chance += pa[std::size_t(l)] / n * pb[std::size_t(l)] / n;
    return chance < 1 ? (agree / n - chance) / (1 - chance) : 0;
}

void profile(const std::string& path, const std::string& name)
{
    ProjectStore store(path, ProjectStore::Access::ReadOnly);
    std::int64_t id = -1;
    for (const auto& d : store.datasets())
        if (d.name == name)
            id = d.id;
    if (id < 0)
        throw std::invalid_argument(path + ": no dataset '" + name + "'");
    const OutcomeMatrix data = store.loadOutcomes(id, true);
    const Eigen::Index queries = data.queryCount(), models = data.modelCount();

    std::map<std::string, std::vector<Eigen::Index>> rowsOfTask;
    for (Eigen::Index n = 0; n < queries; ++n)
        rowsOfTask[data.queries[std::size_t(n)].task].push_back(n);
    double modelStd = 0, bestOverMedian = 0;
    for (const auto& [task, rows] : rowsOfTask) {
        const TaskSpread spread = spreadOf(data.scores(rows, Eigen::all));
        const double weight = double(rows.size()) / double(queries);
        modelStd += weight * spread.modelStd;
        bestOverMedian += weight * spread.bestOverMedian;
    }

    std::vector<std::string> texts;
    for (const auto& q : data.queries)
        texts.push_back(q.text);
    TextFeaturizer featurizer;
    featurizer.fit(texts, {});
    const std::vector<Eigen::Index> nearest = nearestOther(featurizer.transform(texts));

    double scoreKappa = 0;
    for (Eigen::Index m = 0; m < models; ++m) {
        std::vector<int> own(static_cast<std::size_t>(queries)), neighbour(static_cast<std::size_t>(queries));
        for (Eigen::Index n = 0; n < queries; ++n) {
            own[std::size_t(n)] = data.scores(n, m) >= 0.5;
            neighbour[std::size_t(n)] = data.scores(nearest[std::size_t(n)], m) >= 0.5;
        }
        scoreKappa += kappa(own, neighbour, 2) / double(models);
    }
    const Eigen::RowVectorXd meanCost = data.costs.colwise().mean();
    std::vector<int> pick(static_cast<std::size_t>(queries));
    for (Eigen::Index n = 0; n < queries; ++n) {
        const double top = data.scores.row(n).maxCoeff();
        int best = -1;
        for (Eigen::Index m = 0; m < models; ++m)
            if (data.scores(n, m) == top && (best < 0 || meanCost(m) < meanCost(best)))
                best = int(m);
        pick[std::size_t(n)] = best;
    }
    std::vector<int> neighbourPick(static_cast<std::size_t>(queries));
    for (Eigen::Index n = 0; n < queries; ++n)
        neighbourPick[std::size_t(n)] = pick[std::size_t(nearest[std::size_t(n)])];

    std::printf("%s: %ld queries, %ld models, %zu task(s)\n", name.c_str(), long(queries), long(models),
                rowsOfTask.size());
    std::printf("  top-score tie rate                         %.3f\n", topTieRate(data.scores));
    std::printf("  per-task std of single-model quality       %.3f\n", modelStd);
    std::printf("  per-task best minus median model           %.3f\n", bestOverMedian);
    const TaskSpread whole = spreadOf(data.scores);
    std::printf("  std of single-model quality, all tasks     %.3f\n", whole.modelStd);
    std::printf("  best minus median model, all tasks         %.3f\n", whole.bestOverMedian);
    std::printf("  nearest-prompt kappa, a model's score      %.3f\n", scoreKappa);
    std::printf("  nearest-prompt kappa, the oracle's pick    %.3f\n", kappa(pick, neighbourPick, int(models)));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 5 || std::string(argv[1]) != "--db" || std::string(argv[3]) != "--dataset") {
        std::fprintf(stderr, "usage: bench_dataset_profile --db PROJECT --dataset NAME\n");
        return 2;
    }
    try {
        profile(argv[2], argv[4]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_dataset_profile: %s\n", e.what());
        return 1;
    }
    return 0;
}
