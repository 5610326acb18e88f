#pragma once
// EquiRouter's network (method.md section 3): a query trunk, per-model embeddings that modulate
// the trunk output (FiLM) and probe it, and a head that scores each (query, model) pair.

#include "nn/layer_norm.h"
#include "nn/linear.h"
#include "nn/parameter.h"
#include "util/random.h"
#include "util/binary_io.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

struct EquiRouterShape {
    int inputs = 0;
    int models = 0;
    std::vector<int> trunk{1024, 512, 512}; // widths; the last is the width of z, z_m and p_m
    int embedding = 128;
    int head = 512;
};

class EquiRouterNetwork {
public:
    // Everything forward keeps for backward. Reused across batches so training does not allocate.
    // Stacked (query, model) rows are model-major: row m * batch + n.
    struct Activations {
        Eigen::MatrixXf input;
        std::vector<Eigen::MatrixXf> trunkPre, trunkOut;
        std::vector<nn::LayerNorm::Cache> trunkNorm;
        Eigen::MatrixXf film;     // models x 2w: gamma_m | beta_m
        Eigen::MatrixXf probe;    // models x w: p_m
        Eigen::MatrixXf offset;   // stacked rows x w: z_m - p_m
        Eigen::MatrixXf distance; // stacked rows x w: |z_m - p_m|
        Eigen::MatrixXf mixing;   // w x (models * head): A_m side by side (see headIn_)
        Eigen::MatrixXf headPre, headOut, stackedScore;
        nn::LayerNorm::Cache headNorm;
        Eigen::MatrixXf scratch, scratchGrad, distanceGrad, headGrad, mixingGrad;
    };

    EquiRouterNetwork() = default;
    EquiRouterNetwork(const EquiRouterShape& shape, Random& random);

    const EquiRouterShape& shape() const { return shape_; }
    // Scores, rows = queries of x, columns = models.
    Eigen::Map<const Eigen::MatrixXf> forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Activations& a) const;
    // Sets every parameter gradient from dL/dscores of the last forward on a.
    void backward(Activations& a, const Eigen::MatrixXf& scoreGrad);
    // Scores of many queries, in batches.
    Eigen::MatrixXf predict(const Eigen::MatrixXf& x) const;

    std::vector<nn::Parameter> parameters();
    // Parameter values only; load needs a network of the same shape.
    void save(BinaryWriter& out) const;
    void load(BinaryReader& in);

private:
    EquiRouterShape shape_;
    std::vector<nn::Linear> trunk_;
    std::vector<nn::LayerNorm> trunkNorm_;
    Eigen::MatrixXf embedding_, embeddingGrad_; // models x embedding, e_m ~ N(0, 0.02^2)
    nn::Linear film_, probe_;
    // The 4w -> head layer on [z_m, z_m * p_m, |z_m - p_m|, p_m] (rows W1, W3, W4, W2 in that
    // order). With z_m = gamma_m * z + beta_m, the first two blocks fold into one matrix per model,
    // A_m = diag(gamma_m) W1 + diag(p_m * gamma_m) W3, applied to z, and the parts that do not
    // depend on the query into one row per model; so each (query, model) pair costs two w x head
    // products instead of four.
    nn::Linear headIn_;
    nn::LayerNorm headNorm_;
    nn::Linear headOut_;
};

} // namespace routescope
