#include "routers/cost_model.h"

#include <cmath>
#include <stdexcept>

namespace routescope {

namespace {

constexpr std::uint32_t kFormatVersion = 1;

// Running sums of (length, cost) pairs of one model in one group of queries.
struct Moments {
    double count = 0, length = 0, cost = 0;
    void add(double x, double y)
    {
        count += 1;
        length += x;
        cost += y;
    }
    double meanLength() const { return length / count; }
    double meanCost() const { return cost / count; }
};

} // namespace

std::vector<CostQuery> costQueries(const std::vector<QueryInfo>& queries)
{
    std::vector<CostQuery> result;
    result.reserve(queries.size());
    for (const QueryInfo& q : queries)
        result.push_back({q.task, double(q.text.size())});
    return result;
}

void CostModel::fit(const std::vector<CostQuery>& queries, const Eigen::MatrixXd& costs, const JobControl& job)
{
    if (static_cast<Eigen::Index>(queries.size()) != costs.rows() || costs.rows() == 0 || costs.cols() == 0)
        throw std::invalid_argument("cost model: queries and cost rows differ or are empty");
    const Eigen::Index models = costs.cols();
    std::map<std::string, std::vector<Moments>> byTask;
    std::vector<Moments> pooled(static_cast<std::size_t>(models));
    for (std::size_t n = 0; n < queries.size(); ++n) {
        auto& task = byTask.try_emplace(queries[n].task, std::size_t(models)).first->second;
        const double length = queries[n].promptBytes;
        for (Eigen::Index m = 0; m < models; ++m) {
            const double c = costs(static_cast<Eigen::Index>(n), m);
            if (!std::isfinite(c))
                continue;
            task[m].add(length, c);
            pooled[m].add(length, c);
        }
    }
    job.throwIfCancelled();

    // Within-task slope: deviations from each task's means, summed over tasks.
    Eigen::RowVectorXd slope = Eigen::RowVectorXd::Zero(models);
    for (Eigen::Index m = 0; m < models; ++m) {
        if (pooled[m].count == 0)
            throw std::invalid_argument("cost model: a model has no known cost");
        double sxy = 0.0, sxx = 0.0;
        for (std::size_t n = 0; n < queries.size(); ++n) {
            const double c = costs(static_cast<Eigen::Index>(n), m);
            if (!std::isfinite(c))
                continue;
            const Moments& t = byTask.at(queries[n].task)[m];
            const double dx = queries[n].promptBytes - t.meanLength();
            sxy += dx * (c - t.meanCost());
            sxx += dx * dx;
        }
        slope[m] = sxx > 0.0 ? std::max(0.0, sxy / sxx) : 0.0;
    }

    Eigen::RowVectorXd pooledIntercept(models);
    for (Eigen::Index m = 0; m < models; ++m)
        pooledIntercept[m] = pooled[m].meanCost() - slope[m] * pooled[m].meanLength();
    std::map<std::string, Eigen::RowVectorXd> taskIntercept;
    for (const auto& [name, moments] : byTask) {
        Eigen::RowVectorXd intercept = pooledIntercept;
        for (Eigen::Index m = 0; m < models; ++m)
            if (moments[m].count > 0)
                intercept[m] = moments[m].meanCost() - slope[m] * moments[m].meanLength();
        taskIntercept.emplace(name, intercept);
    }
    slope_ = std::move(slope);
    pooledIntercept_ = std::move(pooledIntercept);
    taskIntercept_ = std::move(taskIntercept);
    job.report(1.0, "cost model fitted");
}

Eigen::MatrixXd CostModel::predict(const std::vector<CostQuery>& queries) const
{
    if (!fitted())
        throw std::logic_error("cost model: predict before fit");
    Eigen::MatrixXd predicted(static_cast<Eigen::Index>(queries.size()), slope_.size());
    for (std::size_t n = 0; n < queries.size(); ++n) {
        const auto task = taskIntercept_.find(queries[n].task);
        const Eigen::RowVectorXd& intercept = task != taskIntercept_.end() ? task->second : pooledIntercept_;
        predicted.row(static_cast<Eigen::Index>(n)) =
            (intercept + slope_ * queries[n].promptBytes).cwiseMax(0.0);
    }
    return predicted;
}

void CostModel::save(BinaryWriter& out) const
{
    out.write<std::uint32_t>(kFormatVersion);
    out.writeMatrix(slope_);
    out.writeMatrix(pooledIntercept_);
    out.write<std::uint64_t>(taskIntercept_.size());
    for (const auto& [name, intercept] : taskIntercept_) {
        out.writeString(name);
        out.writeMatrix(intercept);
    }
}

void CostModel::load(BinaryReader& in)
{
    if (in.read<std::uint32_t>() != kFormatVersion)
        throw FormatError("cost model: unknown format version");
    Eigen::RowVectorXd slope, pooledIntercept;
    in.readMatrix(slope);
    in.readMatrix(pooledIntercept);
    if (slope.size() == 0 || pooledIntercept.size() != slope.size())
        throw FormatError("cost model: inconsistent sizes");
    const auto tasks = in.read<std::uint64_t>();
    std::map<std::string, Eigen::RowVectorXd> taskIntercept;
    for (std::uint64_t t = 0; t < tasks; ++t) {
        std::string name = in.readString();
        Eigen::RowVectorXd intercept;
        in.readMatrix(intercept);
        if (intercept.size() != slope.size() || !taskIntercept.emplace(std::move(name), intercept).second)
            throw FormatError("cost model: bad task intercept");
    }
    slope_ = std::move(slope);
    pooledIntercept_ = std::move(pooledIntercept);
    taskIntercept_ = std::move(taskIntercept);
}

} // namespace routescope
