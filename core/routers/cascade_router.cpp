#include "routers/cascade_router.h"

#include "routers/router_format.h"
#include "routers/settings_reader.h"
#include "util/random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>

namespace routescope {

namespace {

constexpr const char* kMagic = "routescope.cascade";
constexpr std::uint32_t kVersion = 1;
constexpr double kDefaultQuantile = 0.95; // RouterBench's judge threshold: the top 5 % of scores
constexpr int kThresholdSteps = 20;       // quantiles 0, 0.05, ..., 1 with budget=threshold

// Quantile q of sorted values, linearly interpolated between neighbours (numpy's default).
double quantile(const std::vector<double>& sorted, double q)
{
    const double position = q * double(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - double(below)) * (sorted[above] - sorted[below]);
}

std::vector<std::string> splitNames(const std::string& text)
{
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t plus = std::min(text.find('+', start), text.size());
        names.push_back(text.substr(start, plus - start));
        start = plus + 1;
    }
    return names;
}

} // namespace

CascadeRouter::Options CascadeRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "cascade", {"order", "error", "budget", "threshold", "max_depth", "seed"});
    Options o;
    if (s.has("order")) {
        o.order = splitNames(s.text("order", ""));
        std::set<std::string> seen;
        for (const auto& name : o.order)
            if (name.empty() || !seen.insert(name).second)
                throw std::invalid_argument("cascade: setting 'order' needs distinct model names joined by '+', not '" +
                                            s.text("order", "") + "'");
    }
    o.error = s.nonNegative("error", 0.0);
    if (o.error > 1)
        throw std::invalid_argument("cascade: setting 'error' is a probability, not " + s.text("error", ""));
    const std::string budget = s.text("budget", "depth");
    if (budget != "depth" && budget != "threshold")
        throw std::invalid_argument("cascade: setting 'budget' must be depth or threshold, not '" + budget + "'");
    o.knob = budget == "depth" ? Knob::Depth : Knob::Threshold;
    if (s.has("threshold")) {
        if (o.knob == Knob::Threshold)
            throw std::invalid_argument("cascade: with budget=threshold the threshold is swept; give max_depth instead");
        o.threshold = s.nonNegative("threshold", 0.0);
    }
    if (s.has("max_depth")) {
        if (o.knob == Knob::Depth)
            throw std::invalid_argument("cascade: with budget=depth the depth is swept; give threshold instead");
        o.maxDepth = int(s.integer("max_depth", 1, 1));
    }
    o.seed = std::uint64_t(s.integer("seed", long(o.seed), 0));
    return o;
}

CascadeRouter::CascadeRouter(RouterSettings settings) : settings_(std::move(settings)), options_(readOptions(settings_)) {}

void CascadeRouter::fit(const TrainingSet& train, const TrainingSet*, const JobControl& job)
{
    const Eigen::Index rows = train.scores.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.costs.rows() != rows || train.costs.cols() != models)
        throw std::invalid_argument("cascade: training set is empty or its parts disagree in shape");
    std::vector<int> order;
    if (options_.order.empty()) {
        const Eigen::RowVectorXd meanCost = train.costs.colwise().mean();
        order.resize(std::size_t(models));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int i, int j) { return meanCost(i) < meanCost(j); });
    } else {
        if (!train.modelNames || Eigen::Index(train.modelNames->size()) != models)
            throw std::invalid_argument("cascade: an order by model name needs the training set's model names");
        const auto& names = *train.modelNames;
        for (const auto& name : options_.order) {
            const auto it = std::find(names.begin(), names.end(), name);
            if (it == names.end()) {
                std::string known;
                for (const auto& n : names)
                    known += (known.empty() ? "" : ", ") + n;
                throw std::invalid_argument("cascade: no model named '" + name + "' (models: " + known + ")");
            }
            order.push_back(int(it - names.begin()));
        }
    }
    const int depth = options_.maxDepth.value_or(int(order.size()));
    if (depth > int(order.size()))
        throw std::invalid_argument("cascade: max_depth " + std::to_string(depth) + " is more than the " +
                                    std::to_string(order.size()) + " models of the order");

    std::vector<double> values;
    values.reserve(std::size_t(rows) * order.size());
    for (const int m : order)
        for (Eigen::Index n = 0; n < rows; ++n)
            values.push_back(train.scores(n, m));
    std::sort(values.begin(), values.end());
    std::vector<double> thresholds;
    if (options_.knob == Knob::Depth) {
        thresholds.push_back(options_.threshold.value_or(quantile(values, kDefaultQuantile)));
    } else {
        // Observed scores at the quantiles, so 0/1 scores give the thresholds 0 and 1, not values between.
        for (int step = 0; step <= kThresholdSteps; ++step)
            thresholds.push_back(values[std::size_t(std::lround(double(step) / kThresholdSteps * double(values.size() - 1)))]);
        // Above every score: the judge accepts only by mistake.
        thresholds.push_back(std::nextafter(values.back(), std::numeric_limits<double>::infinity()));
        thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    }
    job.throwIfCancelled();
    order_ = std::move(order);
    meanScores_ = train.scores.colwise().mean();
    thresholds_ = std::move(thresholds);
    job.report(1.0, "cascade: " + std::to_string(order_.size()) + " models in order");
}

Eigen::MatrixXd CascadeRouter::predictQuality(const FeatureMatrix& features) const
{
    if (order_.empty())
        throw std::logic_error("cascade: predict before fit");
    return meanScores_.replicate(features.rows(), 1);
}

CascadeRouter::Calls CascadeRouter::calls(const Eigen::MatrixXd& trueScores) const
{
    if (order_.empty())
        throw std::logic_error("cascade: calls before fit");
    if (trueScores.cols() != meanScores_.size())
        throw std::invalid_argument("cascade: the scores list another number of models than training did");
    const Eigen::Index queries = trueScores.rows();
    const int length = int(order_.size());
    // One judge error draw per query and position, shared by every budget.
    Random random(mixSeed(options_.seed));
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> wrong(queries, length);
    for (Eigen::Index n = 0; n < queries; ++n)
        for (int k = 0; k < length; ++k)
            wrong(n, k) = random.uniform() < options_.error;

    Calls result;
    result.order = order_;
    if (options_.knob == Knob::Depth)
        for (int depth = 1; depth <= length; ++depth)
            result.budgets.push_back(depth);
    else
        result.budgets = thresholds_;
    result.calls.resize(Eigen::Index(result.budgets.size()), queries);
    for (std::size_t b = 0; b < result.budgets.size(); ++b) {
        const int depth = options_.knob == Knob::Depth ? int(result.budgets[b]) : options_.maxDepth.value_or(length);
        const double threshold = options_.knob == Knob::Depth ? thresholds_.front() : result.budgets[b];
        for (Eigen::Index n = 0; n < queries; ++n) {
            int called = depth;
            for (int k = 0; k < depth; ++k) {
                const bool good = trueScores(n, order_[std::size_t(k)]) >= threshold;
                if (good != wrong(n, k)) { // the judge accepts
                    called = k + 1;
                    break;
                }
            }
            result.calls(Eigen::Index(b), n) = std::int16_t(called);
        }
    }
    return result;
}

std::unique_ptr<CascadeRouter> CascadeRouter::inPool(const std::vector<int>& kept) const
{
    auto pooled = std::make_unique<CascadeRouter>(*this);
    pooled->order_.clear();
    for (const int m : order_)
        if (const auto it = std::find(kept.begin(), kept.end(), m); it != kept.end())
            pooled->order_.push_back(int(it - kept.begin()));
    if (pooled->order_.empty())
        throw std::invalid_argument("cascade: no model of its calling order is in the pool");
    pooled->meanScores_ = meanScores_(std::vector<Eigen::Index>(kept.begin(), kept.end()));
    if (options_.maxDepth)
        pooled->options_.maxDepth = std::min(*options_.maxDepth, int(pooled->order_.size()));
    return pooled;
}

void CascadeRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    out.write<std::uint64_t>(order_.size());
    for (const int m : order_)
        out.write<std::int32_t>(m);
    out.writeMatrix(meanScores_);
    out.write<std::uint64_t>(thresholds_.size());
    for (const double t : thresholds_)
        out.write<double>(t);
}

void CascadeRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "a cascade router");
    const Options options = savedOptions(readOptions, settings);
    const auto length = in.read<std::uint64_t>();
    if (length == 0 || length > 32767)
        throw FormatError("cascade: order length out of range");
    std::vector<int> order(length);
    for (auto& m : order)
        m = in.read<std::int32_t>();
    Eigen::RowVectorXd meanScores;
    in.readMatrix(meanScores);
    const auto count = in.read<std::uint64_t>();
    if (count == 0 || count > 1024)
        throw FormatError("cascade: threshold count out of range");
    std::vector<double> thresholds(count);
    for (auto& t : thresholds)
        t = in.read<double>();
    std::set<int> distinct(order.begin(), order.end());
    bool ok = distinct.size() == order.size() && *distinct.begin() >= 0 && *distinct.rbegin() < meanScores.size() &&
              meanScores.allFinite() && std::is_sorted(thresholds.begin(), thresholds.end()) &&
              (options.knob == Knob::Threshold || thresholds.size() == 1) &&
              options.maxDepth.value_or(1) <= int(order.size());
    for (const double t : thresholds)
        ok = ok && !std::isnan(t);
    if (!ok)
        throw FormatError("cascade: inconsistent saved router");
    settings_ = std::move(settings);
    options_ = options;
    order_ = std::move(order);
    meanScores_ = std::move(meanScores);
    thresholds_ = std::move(thresholds);
}

} // namespace routescope
