#pragma once
// The matrix-factorisation score w^T (v_m * (W x)) + b_m of every model m for a batch of queries.
// W: inputs x dim (Xavier-uniform), v_m: rows of a models x dim embedding (N(0, 1), as an
// nn.Embedding), w: dim x 1 (Xavier-uniform), b: 1 x models (zero).

#include "nn/parameter.h"
#include "util/random.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

class BilinearScorer {
public:
    BilinearScorer() = default;
    BilinearScorer(int inputs, int dim, int models, Random& random);

    int inputs() const { return int(projection_.rows()); }
    int models() const { return int(bias_.cols()); }

    // Scores, rows = queries of x, columns = models; projected receives x W when given.
    Eigen::MatrixXf forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf* projected = nullptr) const;
    // Sets all gradients from x, its projection x W and dL/dscores.
    void backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::MatrixXf& projected,
                  const Eigen::MatrixXf& scoreGrad);

    std::vector<nn::Parameter> parameters();
    std::vector<Eigen::MatrixXf> values() const { return {projection_, embedding_, classifier_, bias_}; }
    // Rebuilds from parameter values; throws FormatError when their shapes do not fit together.
    static BilinearScorer fromValues(std::vector<Eigen::MatrixXf> values);

private:
    // dim x models: column m is w * v_m, so that scores = (x W) U + b.
    Eigen::MatrixXf combined() const;
    void zeroGradients();

    Eigen::MatrixXf projection_, embedding_, classifier_, bias_;
    Eigen::MatrixXf projectionGrad_, embeddingGrad_, classifierGrad_, biasGrad_;
};

} // namespace routescope
