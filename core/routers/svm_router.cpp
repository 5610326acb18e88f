#include "routers/svm_router.h"

#include "routers/linear_svm.h"
#include "routers/router_format.h"
#include "routers/settings_reader.h"

#include <stdexcept>

namespace routescope {

namespace {
constexpr const char* kMagic = "routescope.svm";
constexpr std::uint32_t kVersion = 1;
const double kCGrid[] = {0.01, 0.1, 1.0, 10.0};

// Share of rows where the decision's sign matches the label.
double accuracy(const Eigen::VectorXd& decision, const Eigen::VectorXd& labels)
{
    return ((decision.array() > 0) == (labels.array() > 0)).cast<double>().mean();
}

} // namespace

SvmRouter::Options SvmRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "svm", {"c", "correct", "epochs", "tolerance", "seed"});
    Options o;
    if (s.has("c"))
        o.c = s.positive("c", 1.0);
    o.correct = s.nonNegative("correct", o.correct);
    o.epochs = int(s.integer("epochs", o.epochs, 1));
    o.tolerance = s.positive("tolerance", o.tolerance);
    o.seed = std::uint64_t(s.integer("seed", long(o.seed), 0));
    return o;
}

SvmRouter::SvmRouter(RouterSettings settings) : settings_(std::move(settings)), options_(readOptions(settings_)) {}

void SvmRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    const Eigen::Index rows = train.features.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows)
        throw std::invalid_argument("svm: training set is empty or its parts disagree in shape");
    if (validation && (validation->features.cols() != train.features.cols() || validation->scores.cols() != models))
        throw std::invalid_argument("svm: validation set does not match the training set");
    const bool select = !options_.c && validation && validation->features.rows() > 0;
    std::vector<double> grid = {options_.c.value_or(1.0)};
    if (select)
        grid.assign(std::begin(kCGrid), std::end(kCGrid));

    const LinearSvmProblem problem(train.features);
    Eigen::MatrixXd weights(train.features.cols(), models);
    Eigen::RowVectorXd intercepts(models);
    std::vector<double> chosen(std::size_t(models), grid.front());
    const double solves = double(models * Eigen::Index(grid.size()));
    for (Eigen::Index m = 0; m < models; ++m) {
        const Eigen::VectorXd labels =
            (train.scores.col(m).array() >= options_.correct).select(Eigen::VectorXd::Ones(rows), -1.0);
        if ((labels.array() == labels(0)).all()) {
            // One class only: the SVM's optimum is a constant; say it without solving.
            weights.col(m).setZero();
            intercepts(m) = labels(0);
            continue;
        }
        Eigen::VectorXd validationLabels;
        if (select)
            validationLabels = (validation->scores.col(m).array() >= options_.correct)
                                   .select(Eigen::VectorXd::Ones(validation->scores.rows()), -1.0);
        double bestAccuracy = -1;
        for (std::size_t g = 0; g < grid.size(); ++g) {
            LinearSvmSettings settings;
            settings.c = grid[g];
            settings.maxEpochs = options_.epochs;
            settings.tolerance = options_.tolerance;
            settings.seed = options_.seed + std::uint64_t(m);
            const LinearSvm svm = problem.solve(labels, settings, job);
            // Strictly better only: equal accuracy keeps the smaller C, the stronger regulariser.
            const double score = select ? accuracy(svm.decision(validation->features), validationLabels) : 0.0;
            if (g == 0 || score > bestAccuracy) {
                bestAccuracy = score;
                weights.col(m) = svm.weights;
                intercepts(m) = svm.bias;
                chosen[std::size_t(m)] = grid[g];
            }
            job.report(double(m * Eigen::Index(grid.size()) + Eigen::Index(g) + 1) / solves,
                       "svm: model " + std::to_string(m + 1) + "/" + std::to_string(models) + ", C " +
                           std::to_string(grid[g]));
        }
    }
    weights_ = std::move(weights);
    intercepts_ = std::move(intercepts);
    chosenC_ = std::move(chosen);
}

Eigen::MatrixXd SvmRouter::predictQuality(const FeatureMatrix& features) const
{
    if (weights_.size() == 0)
        throw std::logic_error("svm: predict before fit");
    if (features.cols() != weights_.rows())
        throw std::invalid_argument("svm: feature width differs from training");
    return (features.cast<double>() * weights_).rowwise() + intercepts_;
}

void SvmRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    out.writeMatrix(weights_);
    out.writeMatrix(intercepts_);
    out.write<std::uint64_t>(chosenC_.size());
    for (double c : chosenC_)
        out.write<double>(c);
}

void SvmRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "an SVM router");
    const Options options = savedOptions(readOptions, settings);
    Eigen::MatrixXd weights;
    Eigen::RowVectorXd intercepts;
    in.readMatrix(weights);
    in.readMatrix(intercepts);
    const auto count = in.read<std::uint64_t>();
    if (weights.size() == 0 || intercepts.cols() != weights.cols() || count != std::uint64_t(weights.cols()))
        throw FormatError("svm: inconsistent saved router");
    std::vector<double> chosen(count);
    for (auto& c : chosen)
        c = in.read<double>();
    settings_ = std::move(settings);
    options_ = options;
    weights_ = std::move(weights);
    intercepts_ = std::move(intercepts);
    chosenC_ = std::move(chosen);
}

} // namespace routescope
