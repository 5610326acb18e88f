#pragma once
// Bradley-Terry strengths from weighted pairwise outcomes: model i beats model j with probability
// sigmoid(theta_i - theta_j). RouteLLM fits the same model (as Elo ratings, by logistic regression
// on battles) for its similarity-weighted ranking router.

#include <Eigen/Core>

namespace routescope {

// wins(i, j): the (weighted) number of battles model i won against model j; a tie adds half to
// wins(i, j) and half to wins(j, i). Maximises
//   sum over i != j of wins(i, j) log sigmoid(theta_i - theta_j)  -  ridge/2 |theta|^2
// by damped Newton steps. ridge > 0 keeps theta finite when a model never loses and fixes the
// otherwise free offset (the optimum then sums to 0). Throws std::invalid_argument for a
// non-square or negative `wins` or ridge <= 0.
Eigen::VectorXd fitBradleyTerry(const Eigen::MatrixXd& wins, double ridge, int maxIterations = 50);

// The mean over the other models j of sigmoid(theta_m - theta_j): model m's expected win rate
// against a model drawn at random from the rest (0.5 with a single model).
Eigen::VectorXd meanWinRates(const Eigen::VectorXd& theta);

} // namespace routescope
