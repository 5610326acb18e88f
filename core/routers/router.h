#pragma once
// A learned router predicts the quality P[n,m] of every model m on every query n from query
// features. Cost prediction is shared by all routers (see cost_model.h); budget policies turn
// (P, C) into decisions (see evaluation/).

#include "data/feature_matrix.h"
#include "util/binary_io.h"
#include "util/job_control.h"

#include <Eigen/Core>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace routescope {

// Hyper-parameters as text, e.g. {"k", "40"} or {"tie", "top"}: storable and settable from a CLI.
using RouterSettings = std::map<std::string, std::string>;

// What a router learns from. Rows are the same queries in every member.
struct TrainingSet {
    const FeatureMatrix& features;
    const Eigen::MatrixXd& scores; // a[n,m]
    const Eigen::MatrixXd& costs;  // c[n,m], USD
    // The models' names in column order, or null; a router given models by name needs them.
    const std::vector<std::string>* modelNames = nullptr;
};

class Router {
public:
    virtual ~Router() = default;
    // The router's kind as named on the command line: "knn", "ridge", "mlp", "mf", "margin", "equirouter".
    virtual std::string kind() const = 0;
    // validation may be null; routers that select epochs or settings use it when given.
    virtual void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) = 0;
    virtual Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const = 0;
    // True when predictQuality() gives ranking scores, whose order within a query is all they
    // mean (EquiRouter's can be 3.8), rather than estimates of the quality.
    virtual bool predictsScores() const { return false; }
    // Serialised form, versioned by each router; load() throws FormatError on bad data.
    virtual void save(BinaryWriter& out) const = 0;
    virtual void load(BinaryReader& in) = 0;
};

} // namespace routescope
