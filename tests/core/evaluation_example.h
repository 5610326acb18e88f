#pragma once
// The hand-worked example shared by the evaluation tests: 5 queries x 3 models (cheap, mid,
// dear) with ties in predicted quality, in predicted cost and in true score.

#include <Eigen/Core>

namespace routescope::test {

struct EvaluationExample {
    Eigen::MatrixXd P{5, 3}, C{5, 3}, A{5, 3}, K{5, 3};
    EvaluationExample()
    {
        P << 0.9, 0.8, 0.95, //
            0.2, 0.7, 0.7,   // P tie between models 1 and 2: the cheaper 1 wins
            0.5, 0.5, 0.5,   // all tied; models 0 and 1 also tie in cost: index 0 wins
            0.1, 0.6, 0.9,   //
            0.3, 0.2, 0.8;
        C << 1, 2, 4, //
            1, 2, 4,  //
            1, 1, 3,  //
            2, 3, 5,  // nothing is eligible at T = 1: the cheapest, model 0
            1, 2, 3;
        A << 1, 1, 1, //
            0, 1, 1,  //
            1, 0, 1,  //
            0, 0, 1,  //
            0, 1, 1;
        K = 2 * C; // true costs differ from predicted ones, so the frontier must use K
    }
};

} // namespace routescope::test
