#pragma once
// What a budget allows one query, the rule allowedModels (budget_policy.h) applies to every query
// and the feasible-set RCI curve (collapse_curves.h) a query at a time.

#include "evaluation/budget_policy.h"

#include <algorithm>

namespace routescope {

// The dearest predicted cost the budget allows the query: cheapestCost is the least of its
// predicted costs, chosenCost the predicted cost of the model the policy chose for it.
inline double allowedCostLimit(BudgetPolicy policy, double budget, double cheapestCost, double chosenCost)
{
    return policy == BudgetPolicy::CostThreshold ? std::max(budget, cheapestCost) : chosenCost;
}

} // namespace routescope
