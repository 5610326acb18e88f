#pragma once
// The network of the contrastive router (RouterDC on fixed features): a query projection
// x -> Linear(d, hidden) GELU -> Linear(hidden, dim) and one learnable embedding per model; the
// score of model m for a query is the cosine similarity of the query's projection to e_m.
// Also RouterDC's sample-LLM contrastive loss on those similarities.

#include "nn/linear.h"
#include "nn/parameter.h"
#include "util/binary_io.h"
#include "util/random.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

struct ContrastiveShape {
    int inputs = 0;
    int hidden = 256;
    int dim = 64;
    int models = 0;
};

class ContrastiveNetwork {
public:
    ContrastiveNetwork() = default;
    // Xavier-uniform layers, zero biases, embeddings N(0, 0.78^2) as RouterDC initialises them.
    ContrastiveNetwork(const ContrastiveShape& shape, Random& random);

    const ContrastiveShape& shape() const { return shape_; }

    // What backward needs of a forward pass.
    struct Activations {
        Eigen::MatrixXf hiddenPre, hidden;
        Eigen::MatrixXf unitQueries;  // rows: the queries' projections, L2-normalised
        Eigen::VectorXf queryNorms;
        Eigen::MatrixXf unitModels;   // rows: the model embeddings, L2-normalised
        Eigen::VectorXf modelNorms;
    };
    // Cosine similarities, rows = queries of x, columns = models.
    Eigen::MatrixXf similarity(const Eigen::Ref<const Eigen::MatrixXf>& x, Activations* keep = nullptr) const;
    // Sets every parameter's gradient from x, its forward's activations and dL/dsimilarity.
    void backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Activations& activations,
                  const Eigen::MatrixXf& similarityGrad);

    std::vector<nn::Parameter> parameters();
    void save(BinaryWriter& out) const;
    // Throws FormatError on shapes out of range or not matching the stored parameters.
    void load(BinaryReader& in);

private:
    ContrastiveShape shape_;
    nn::Linear first_, second_;
    Eigen::MatrixXf embedding_, embeddingGrad_; // models x dim
};

// RouterDC's choice of contrasting models for each query (row of scores): the positives are the
// topK best-scored models whose score is above 0, the negatives the lastK worst-scored models
// whose score is at most 0.5, positives excluded. Equal scores are ordered at random.
struct ContrastiveTargets {
    std::vector<std::vector<int>> positives, negatives; // per query
};
ContrastiveTargets contrastiveTargets(const Eigen::MatrixXf& scores, int topK, int lastK, Random& random);

// Sum over each query's positives p of -log(exp(z_p) / (exp(z_p) + sum over negatives k of exp(z_k))),
// averaged over the queries (rows of logits); grad receives dLoss/dlogits.
double contrastiveLoss(const Eigen::MatrixXf& logits, const ContrastiveTargets& targets, Eigen::MatrixXf& grad);

} // namespace routescope
