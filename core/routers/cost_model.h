#pragma once
// The predicted cost C[n,m] shared by all routers. Costs grow with prompt length (input tokens
// are billed) and differ by task (answer length), so per model m and task t:
//   C = alpha[t,m] + beta[m] * (prompt length in bytes),
// beta the within-task least-squares slope (floored at 0: a longer prompt never costs less),
// alpha the task's mean cost minus beta times its mean length. Unknown tasks use the pooled
// intercept of all training queries. Predictions are floored at 0.

#include "data/outcome_matrix.h"
#include "util/binary_io.h"
#include "util/job_control.h"

#include <Eigen/Core>

#include <map>
#include <string>
#include <vector>

namespace routescope {

// What the cost model sees of a query: its task and its prompt's length.
struct CostQuery {
    std::string task;
    double promptBytes = 0; // the prompt's length in bytes (UTF-8), as std::string::size() counts it
};

// The cost model's view of queries loaded with their text.
std::vector<CostQuery> costQueries(const std::vector<QueryInfo>& queries);

class CostModel {
public:
    // costs: rows = queries, columns = models; non-finite cells (missing) are left out of the fit.
    void fit(const std::vector<CostQuery>& queries, const Eigen::MatrixXd& costs, const JobControl& job = {});
    Eigen::MatrixXd predict(const std::vector<CostQuery>& queries) const;

    bool fitted() const { return slope_.size() > 0; }
    const Eigen::RowVectorXd& slope() const { return slope_; } // USD per prompt byte, per model

    void save(BinaryWriter& out) const;
    void load(BinaryReader& in);

private:
    Eigen::RowVectorXd slope_;
    Eigen::RowVectorXd pooledIntercept_;
    std::map<std::string, Eigen::RowVectorXd> taskIntercept_;
};

} // namespace routescope
