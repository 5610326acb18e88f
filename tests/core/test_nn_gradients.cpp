// Every hand-written backward pass against central-difference gradients of its forward pass,
// plus hand-computed values of the losses and of Adam's first steps.

#include "nn/activations.h"
#include "nn/adam.h"
#include "nn/layer_norm.h"
#include "nn/linear.h"
#include "nn/losses.h"
#include "util/random.h"
#include "routers/bilinear_scorer.h"
#include "routers/contrastive_network.h"
#include "routers/equirouter_network.h"
#include "routers/mlp_bank.h"
#include "test_support.h"

#include <QTest>

#include <cmath>
#include <functional>

using namespace routescope;
using Eigen::MatrixXf;

namespace {

MatrixXf randomMatrix(Eigen::Index rows, Eigen::Index cols, Random& random, double scale = 1.0)
{
    MatrixXf m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            m(i, j) = float(scale * random.normal());
    return m;
}

// Relative error ||numeric - analytic|| / max(||numeric||, ||analytic||) over every entry of each
// parameter, from central differences of loss(). analytic() must fill the grads first.
// Returns the largest such error over the parameters.
double worstRelativeError(const std::vector<nn::Parameter>& parameters, const std::function<double()>& loss,
                          float eps)
{
    double worst = 0;
    for (const auto& p : parameters) {
        const MatrixXf analytic = *p.grad;
        MatrixXf numeric(analytic.rows(), analytic.cols());
        for (Eigen::Index k = 0; k < p.value->size(); ++k) {
            float& v = p.value->data()[k];
            const float original = v;
            v = original + eps;
            const double up = loss();
            v = original - eps;
            const double down = loss();
            v = original;
            numeric.data()[k] = float((up - down) / (2.0 * double(eps)));
        }
        const double scale = std::max({double(numeric.norm()), double(analytic.norm()), 1e-6});
        const double error = double((numeric - analytic).norm()) / scale;
        if (error > worst)
            worst = error;
        if (error > 1e-2)
            qWarning("parameter %dx%d: relative error %g (numeric norm %g, analytic norm %g)", int(analytic.rows()),
                     int(analytic.cols()), error, double(numeric.norm()), double(analytic.norm()));
    }
    return worst;
}

// A fixed random projection turns a layer's output into a scalar loss with rich gradients.
double projected(const MatrixXf& y, const MatrixXf& weights)
{
    return (y.cast<double>().array() * weights.cast<double>().array()).sum();
}

} // namespace

class TestNnGradients : public QObject {
    Q_OBJECT

private slots:
    void linearBackwardMatchesNumeric()
    {
        Random random(1);
        nn::Linear layer(4, 3, random);
        MatrixXf x = randomMatrix(5, 4, random), xGrad;
        const MatrixXf weights = randomMatrix(5, 3, random);
        // Non-zero biases so a wrong bias gradient cannot hide.
        auto params = layer.parameters();
        *params[1].value = randomMatrix(1, 3, random);
        MatrixXf y;
        layer.forward(x, y);
        layer.backward(x, weights, &xGrad);
        params.push_back({&x, &xGrad});
        const auto loss = [&] {
            MatrixXf out;
            layer.forward(x, out);
            return projected(out, weights);
        };
        QVERIFY(worstRelativeError(params, loss, 1e-2f) < 1e-3);
    }

    void xavierBoundHolds()
    {
        Random random(2);
        nn::Linear layer(30, 10, random);
        const double bound = std::sqrt(6.0 / 40.0);
        QVERIFY(layer.weight().cwiseAbs().maxCoeff() <= bound);
        // 300 uniform draws reach past 90 % of the bound in both directions.
        QVERIFY(layer.weight().maxCoeff() > 0.9 * bound);
        QVERIFY(layer.weight().minCoeff() < -0.9 * bound);
        QCOMPARE(layer.bias().cwiseAbs().maxCoeff(), 0.0f);
    }

    void geluBackwardMatchesNumeric()
    {
        Random random(3);
        MatrixXf x = randomMatrix(6, 5, random, 2.0), xGrad;
        const MatrixXf weights = randomMatrix(6, 5, random);
        nn::Gelu::backward(x, weights, xGrad);
        const auto loss = [&] {
            MatrixXf y;
            nn::Gelu::forward(x, y);
            return projected(y, weights);
        };
        QVERIFY(worstRelativeError({{&x, &xGrad}}, loss, 1e-2f) < 1e-3);
    }

    void geluValuesMatchTanhForm()
    {
        MatrixXf x(1, 3), y;
        x << -1.0f, 0.0f, 2.0f;
        nn::Gelu::forward(x, y);
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), by hand.
        QVERIFY(std::abs(y(0, 0) - (-0.158808f)) < 1e-5f);
        QCOMPARE(y(0, 1), 0.0f);
        QVERIFY(std::abs(y(0, 2) - 1.954598f) < 1e-5f);
    }

    void reluBackwardMatchesNumeric()
    {
        Random random(4);
        MatrixXf x = randomMatrix(6, 5, random), xGrad;
        // Keep every entry away from the kink so the central difference is exact.
        x = x.unaryExpr([](float v) { return v < 0 ? v - 0.1f : v + 0.1f; });
        const MatrixXf weights = randomMatrix(6, 5, random);
        nn::Relu::backward(x, weights, xGrad);
        const auto loss = [&] {
            MatrixXf y;
            nn::Relu::forward(x, y);
            return projected(y, weights);
        };
        QVERIFY(worstRelativeError({{&x, &xGrad}}, loss, 1e-2f) < 1e-3);
    }

    void layerNormBackwardMatchesNumeric()
    {
        Random random(5);
        nn::LayerNorm norm(7);
        auto params = norm.parameters();
        *params[0].value = randomMatrix(1, 7, random).array() + 1.0f;
        *params[1].value = randomMatrix(1, 7, random);
        MatrixXf x = randomMatrix(4, 7, random, 2.0), xGrad, y;
        const MatrixXf weights = randomMatrix(4, 7, random);
        nn::LayerNorm::Cache cache;
        norm.forward(x, cache, y);
        // Each output row has mean = mean of the shift and is normalised before the affine map.
        QVERIFY(std::abs(cache.normalized.row(0).mean()) < 1e-5f);
        QVERIFY(std::abs(cache.normalized.row(0).squaredNorm() / 7.0f - 1.0f) < 1e-3f);
        norm.backward(cache, weights, xGrad);
        params.push_back({&x, &xGrad});
        const auto loss = [&] {
            nn::LayerNorm::Cache c;
            MatrixXf out;
            norm.forward(x, c, out);
            return projected(out, weights);
        };
        QVERIFY(worstRelativeError(params, loss, 1e-2f) < 2e-3);
    }

    void meanSquaredErrorValueAndGradient()
    {
        MatrixXf pred(2, 2), target(2, 2), grad;
        pred << 1, 2, 3, 4;
        target << 1, 0, 3, 5;
        // (0 + 4 + 0 + 1) / 4
        QCOMPARE(nn::meanSquaredError(pred, target, grad), 1.25f);
        QCOMPARE(grad(0, 1), 1.0f);  // 2 * 2 / 4
        QCOMPARE(grad(1, 1), -0.5f); // 2 * -1 / 4
        QCOMPARE(grad(0, 0), 0.0f);
    }

    void rankingLossCountsPairsPerTieSetting_data()
    {
        QTest::addColumn<QString>("tie");
        QTest::addColumn<long>("tiePairs");
        // Query 0: quality (1, 1, 0), costs (1, 2, 3): label pairs 0>2, 1>2; top tie 0 before 1.
        // Query 1: quality (1, 0, 0), costs (3, 1, 2): label pairs 0>1, 0>2; failed tie 1 before 2.
        QTest::newRow("none") << "none" << 0L;
        QTest::newRow("top") << "top" << 1L;
        QTest::newRow("all") << "all" << 2L;
    }

    void rankingLossCountsPairsPerTieSetting()
    {
        QFETCH(QString, tie);
        QFETCH(long, tiePairs);
        MatrixXf scores = MatrixXf::Zero(2, 3), quality(2, 3), cost(2, 3), grad;
        quality << 1, 1, 0, 1, 0, 0;
        cost << 1, 2, 3, 3, 1, 2;
        nn::PairCounts counted{-1, -1};
        nn::RankingLoss pooled{nn::parseTieOrder(tie.toStdString()), nn::TieNorm::Pooled, 50, 1};
        const float loss = nn::pairwiseRankingLoss(scores, quality, cost, pooled, grad, &counted);
        QCOMPARE(counted.label, 4L);
        QCOMPARE(counted.tie, tiePairs);
        // Equal scores: every pair costs softplus(0) = log 2, so the pooled mean is log 2.
        QVERIFY(std::abs(loss - float(std::log(2.0))) < 1e-6f);
        // Separate means: log 2 for the label pairs plus tie_weight x log 2 when there are tie pairs.
        nn::RankingLoss separate = pooled;
        separate.norm = nn::TieNorm::Separate;
        separate.tieWeight = 0.25f;
        const float expected = float(std::log(2.0) * (tiePairs > 0 ? 1.25 : 1.0));
        QVERIFY(std::abs(nn::pairwiseRankingLoss(scores, quality, cost, separate, grad) - expected) < 1e-6f);
    }

    void rankingLossValueByHand()
    {
        MatrixXf scores(1, 2), quality(1, 2), cost(1, 2), grad;
        scores << 1, 0;
        quality << 1, 0;
        cost << 1, 1;
        const float loss = nn::pairwiseRankingLoss(scores, quality, cost, {nn::TieOrder::None}, grad);
        QVERIFY(std::abs(loss - float(std::log1p(std::exp(-1.0)))) < 1e-6f);
        // d/ds0 = -sigmoid(-1), d/ds1 = +sigmoid(-1).
        const float slope = float(1.0 / (1.0 + std::exp(1.0)));
        QVERIFY(std::abs(grad(0, 0) + slope) < 1e-6f);
        QVERIFY(std::abs(grad(0, 1) - slope) < 1e-6f);
    }

    void tieWeightWeighsEachKindByHand()
    {
        // One query: models 0 and 1 tie at the top (0 cheaper), model 2 failed. Scores (0, 1, 0):
        // label pairs 0>2 (margin 0) and 1>2 (margin 1), one tie pair 0>1 (margin -1).
        MatrixXf scores(1, 3), quality(1, 3), cost(1, 3), grad;
        scores << 0, 1, 0;
        quality << 1, 1, 0;
        cost << 1, 2, 3;
        const double sp0 = std::log(2.0), sp1 = std::log1p(std::exp(-1.0)), spm1 = std::log1p(std::exp(1.0));
        const double labelMean = (sp0 + sp1) / 2;
        const nn::RankingLoss separate{nn::TieOrder::Top, nn::TieNorm::Separate, 50, 0.1f};
        QVERIFY(std::abs(nn::pairwiseRankingLoss(scores, quality, cost, separate, grad) - (labelMean + 0.1 * spm1)) <
                1e-6);
        // The tie pair's slope sigmoid(1) enters with weight 0.1; label slopes with 1/2 each.
        const double sig0 = 0.5, sig1 = 1.0 / (1.0 + std::exp(1.0)), sigm1 = 1.0 / (1.0 + std::exp(-1.0));
        QVERIFY(std::abs(grad(0, 0) - (-sig0 / 2 - 0.1 * sigm1)) < 1e-6);
        QVERIFY(std::abs(grad(0, 1) - (-sig1 / 2 + 0.1 * sigm1)) < 1e-6);
        QVERIFY(std::abs(grad(0, 2) - (sig0 + sig1) / 2) < 1e-6);
        const nn::RankingLoss pooled{nn::TieOrder::Top, nn::TieNorm::Pooled, 50, 0.1f};
        QVERIFY(std::abs(nn::pairwiseRankingLoss(scores, quality, cost, pooled, grad) - (sp0 + sp1 + 0.1 * spm1) / 3) <
                1e-6);
        // Weight 0 leaves only the label pairs, as tie=none does.
        const nn::RankingLoss none{nn::TieOrder::Top, nn::TieNorm::Separate, 50, 0.0f};
        MatrixXf noneGrad;
        QVERIFY(std::abs(nn::pairwiseRankingLoss(scores, quality, cost, none, grad) -
                         nn::pairwiseRankingLoss(scores, quality, cost, {nn::TieOrder::None}, noneGrad)) < 1e-7);
        QVERIFY(grad == noneGrad);
    }

    void equiRouterLossGradientMatchesNumeric_data()
    {
        QTest::addColumn<QString>("tie");
        QTest::addColumn<QString>("norm");
        QTest::addColumn<float>("tieWeight");
        for (const char* tie : {"none", "top", "all"}) {
            QTest::addRow("%s separate 0.3", tie) << tie << "separate" << 0.3f;
            QTest::addRow("%s separate 0", tie) << tie << "separate" << 0.0f;
            QTest::addRow("%s pooled 1", tie) << tie << "pooled" << 1.0f;
            QTest::addRow("%s pooled 0.5", tie) << tie << "pooled" << 0.5f;
        }
    }

    void equiRouterLossGradientMatchesNumeric()
    {
        QFETCH(QString, tie);
        QFETCH(QString, norm);
        QFETCH(float, tieWeight);
        Random random(6);
        MatrixXf scores = randomMatrix(3, 4, random), quality(3, 4), cost(3, 4), grad;
        quality << 1, 1, 0, 0, 0, 1, 1, 1, 0.5f, 0, 0.5f, 1;
        cost << 4, 1, 2, 3, 1, 2, 3, 4, 2, 2, 1, 3;
        const nn::RankingLoss ranking{nn::parseTieOrder(tie.toStdString()), nn::parseTieNorm(norm.toStdString()), 50,
                                      tieWeight};
        nn::equiRouterLoss(scores, quality, cost, ranking, grad);
        const auto loss = [&] {
            MatrixXf unused;
            return double(nn::equiRouterLoss(scores, quality, cost, ranking, unused));
        };
        QVERIFY(worstRelativeError({{&scores, &grad}}, loss, 1e-2f) < 1e-3);
    }

    void equiRouterNetworkGradientsMatchNumeric()
    {
        Random random(7);
        EquiRouterShape shape;
        shape.inputs = 6;
        shape.models = 3;
        shape.trunk = {5, 4};
        shape.embedding = 3;
        shape.head = 5;
        EquiRouterNetwork network(shape, random);
        // Move every parameter off its initial value (zero biases, unit gains, tiny embeddings)
        // so each path carries a gradient well above float noise.
        const auto params = network.parameters();
        for (const auto& p : params)
            *p.value += randomMatrix(p.value->rows(), p.value->cols(), random, 0.3);
        const MatrixXf x = randomMatrix(4, 6, random);
        MatrixXf quality(4, 3), cost(4, 3), grad;
        quality << 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1;
        cost << 3, 1, 2, 1, 2, 3, 2, 1, 3, 1, 2, 3;
        EquiRouterNetwork::Activations a;
        const MatrixXf scores = network.forward(x, a);
        const nn::RankingLoss ranking{nn::TieOrder::Top, nn::TieNorm::Separate, 50, 0.3f};
        nn::equiRouterLoss(scores, quality, cost, ranking, grad);
        network.backward(a, grad);
        const auto loss = [&] {
            EquiRouterNetwork::Activations b;
            const MatrixXf s = network.forward(x, b);
            MatrixXf unused;
            return double(nn::equiRouterLoss(s, quality, cost, ranking, unused));
        };
        QVERIFY(worstRelativeError(params, loss, 3e-3f) < 2e-2);
    }

    void mlpBankGradientsMatchNumeric()
    {
        Random random(8);
        MlpBank bank(5, 4, 3, random);
        const auto params = bank.parameters();
        for (const auto& p : params)
            *p.value += randomMatrix(p.value->rows(), p.value->cols(), random, 0.3);
        const MatrixXf target = randomMatrix(6, 3, random);
        MatrixXf x, pre, grad;
        // Hidden units near the ReLU kink would make central differences inexact: redraw x until none is.
        do {
            x = randomMatrix(6, 5, random);
            bank.forward(x, &pre);
        } while (pre.cwiseAbs().minCoeff() < 0.02f);
        nn::meanSquaredError(bank.forward(x), target, grad);
        bank.backward(x, pre, grad);
        const auto loss = [&] {
            MatrixXf unused;
            return double(nn::meanSquaredError(bank.forward(x), target, unused));
        };
        QVERIFY(worstRelativeError(params, loss, 1e-3f) < 1e-2);
    }

    void bilinearScorerGradientsMatchNumeric()
    {
        Random random(9);
        BilinearScorer scorer(5, 4, 3, random);
        const auto params = scorer.parameters();
        *params[3].value = randomMatrix(1, 3, random);
        const MatrixXf x = randomMatrix(6, 5, random), target = randomMatrix(6, 3, random);
        MatrixXf projected, grad;
        nn::meanSquaredError(scorer.forward(x, &projected), target, grad);
        scorer.backward(x, projected, grad);
        const auto loss = [&] {
            MatrixXf unused;
            return double(nn::meanSquaredError(scorer.forward(x), target, unused));
        };
        QVERIFY(worstRelativeError(params, loss, 1e-2f) < 2e-3);
    }

    void contrastiveNetworkGradientsMatchNumeric()
    {
        Random random(10);
        ContrastiveNetwork network({5, 6, 4, 3}, random);
        const auto params = network.parameters();
        *params[1].value = randomMatrix(1, 6, random, 0.3);
        *params[3].value = randomMatrix(1, 4, random, 0.3);
        const MatrixXf x = randomMatrix(4, 5, random);
        ContrastiveTargets targets;
        targets.positives = {{0}, {1, 2}, {}, {2}};
        targets.negatives = {{1, 2}, {0}, {0, 1}, {0, 1}};
        const float temperature = 0.5f;
        ContrastiveNetwork::Activations activations;
        MatrixXf logitGrad;
        contrastiveLoss(network.similarity(x, &activations) / temperature, targets, logitGrad);
        network.backward(x, activations, logitGrad / temperature);
        const auto loss = [&] {
            MatrixXf unused;
            return contrastiveLoss(network.similarity(x) / temperature, targets, unused);
        };
        QVERIFY(worstRelativeError(params, loss, 1e-2f) < 2e-3);
    }

    void adamFirstStepsByHand()
    {
        MatrixXf value(1, 2), grad(1, 2);
        value << 1.0f, -2.0f;
        nn::Adam adam({{&value, &grad}}, 0.1f);
        grad << 0.5f, -4.0f;
        adam.step();
        // Step 1: corrected moments are g and g^2, so the update is lr * g / (|g| + eps).
        QVERIFY(std::abs(value(0, 0) - 0.9f) < 1e-6f);
        QVERIFY(std::abs(value(0, 1) - (-1.9f)) < 1e-6f);
        grad << 1.0f, 0.0f;
        adam.step();
        // Step 2, first entry: m = 0.9*0.05 + 0.1*1 = 0.145, v = 0.999*0.00025 + 0.001 = 0.00124975;
        // update = 0.1 * (0.145 / 0.19) / (sqrt(0.00124975 / 0.001999) + 1e-8).
        const double update = 0.1 * (0.145 / 0.19) / std::sqrt(0.00124975 / 0.001999);
        QVERIFY(std::abs(double(value(0, 0)) - (0.9 - update)) < 1e-5);
    }

    void randomIsSeededAndNormal()
    {
        Random a(42), b(42);
        double sum = 0, squares = 0;
        for (int i = 0; i < 20000; ++i) {
            const double v = a.normal();
            QCOMPARE(v, b.normal());
            sum += v;
            squares += v * v;
        }
        // Mean within 5 standard errors of 0, variance within 5 % of 1.
        QVERIFY(std::abs(sum / 20000) < 5.0 / std::sqrt(20000.0));
        QVERIFY(std::abs(squares / 20000 - 1.0) < 0.05);
    }
};

QTEST_GUILESS_MAIN(TestNnGradients)
#include "test_nn_gradients.moc"
