#pragma once
// One small regressor per model, x -> Linear(d, hidden) ReLU -> Linear(hidden, 1), evaluated side
// by side: model m's first layer is columns m*hidden .. of one wide matrix, its second layer one
// column. The networks share no parameter, so each runs its products on its own, on up to
// `threads` threads; one model's numbers never depend on the thread count.

#include "nn/parameter.h"
#include "util/random.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

class MlpBank {
public:
    MlpBank() = default;
    // Xavier-uniform weights per model's layer, zero biases.
    MlpBank(int inputs, int hidden, int models, Random& random);

    int hidden() const { return hidden_; }
    int inputs() const { return int(hiddenWeight_.rows()); }
    int models() const { return int(outputWeight_.cols()); }

    // Scores, rows = queries of x, columns = models; hiddenPre receives the hidden pre-activations.
    Eigen::MatrixXf forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf* hiddenPre = nullptr,
                            int threads = 1) const;
    // Sets all gradients from x, the hidden pre-activations of its forward, and dL/dscores.
    void backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::MatrixXf& hiddenPre,
                  const Eigen::MatrixXf& scoreGrad, int threads = 1);

    std::vector<nn::Parameter> parameters();
    // Copies model m's parameters from other (same shape), for per-model early stopping.
    void copyModel(const MlpBank& other, int m);
    // Rebuilds from parameter values; throws FormatError when their shapes do not fit together.
    static MlpBank fromValues(std::vector<Eigen::MatrixXf> values);
    std::vector<Eigen::MatrixXf> values() const
    {
        return {hiddenWeight_, hiddenBias_, outputWeight_, outputBias_};
    }

private:
    void zeroGradients();

    int hidden_ = 0;
    Eigen::MatrixXf hiddenWeight_, hiddenBias_, outputWeight_, outputBias_;
    Eigen::MatrixXf hiddenWeightGrad_, hiddenBiasGrad_, outputWeightGrad_, outputBiasGrad_;
};

} // namespace routescope
