#include "data/split.h"

#include "util/random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace routescope {
namespace {

void checkFraction(double fraction, const char* what)
{
    if (!(fraction >= 0.0 && fraction <= 1.0))
        throw std::invalid_argument(std::string(what) + " must lie in [0, 1]");
}

// Rows grouped by task, tasks in order of first appearance, rows ascending within a task.
std::vector<std::vector<Eigen::Index>> rowsByTask(const std::vector<std::string>& taskOfRow,
                                                  const std::vector<Eigen::Index>& rows)
{
    std::map<std::string, std::size_t> slot;
    std::vector<std::vector<Eigen::Index>> groups;
    for (const Eigen::Index row : rows) {
        const auto [it, added] = slot.try_emplace(taskOfRow[static_cast<std::size_t>(row)], groups.size());
        if (added)
            groups.emplace_back();
        groups[it->second].push_back(row);
    }
    return groups;
}

// Splits rows into (first, second) with round(fraction * rows of each task) random rows first.
void stratifiedSplit(const std::vector<std::string>& taskOfRow, const std::vector<Eigen::Index>& rows,
                     double fraction, Random& random, std::vector<Eigen::Index>& first,
                     std::vector<Eigen::Index>& second)
{
    for (auto& group : rowsByTask(taskOfRow, rows)) {
        random.shuffle(group);
        const auto take = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(group.size())));
        first.insert(first.end(), group.begin(), group.begin() + static_cast<std::ptrdiff_t>(take));
        second.insert(second.end(), group.begin() + static_cast<std::ptrdiff_t>(take), group.end());
    }
    std::sort(first.begin(), first.end());
    std::sort(second.begin(), second.end());
}

std::vector<Eigen::Index> allRows(std::size_t count)
{
    std::vector<Eigen::Index> rows(count);
    for (std::size_t i = 0; i < count; ++i)
        rows[i] = static_cast<Eigen::Index>(i);
    return rows;
}

// Moves round(validationFraction * training rows of each task) training rows to validation.
void carveValidation(const std::vector<std::string>& taskOfRow, double validationFraction, Random& random,
                     DataSplit& split)
{
    std::vector<Eigen::Index> train;
    stratifiedSplit(taskOfRow, split.train, validationFraction, random, split.validation, train);
    split.train = std::move(train);
}

} // namespace

DataSplit splitInDomain(const std::vector<std::string>& taskOfRow, const InDomainSplitOptions& options)
{
    checkFraction(options.trainFraction, "train fraction");
    checkFraction(options.validationFraction, "validation fraction");
    Random random(options.seed);
    DataSplit split;
    stratifiedSplit(taskOfRow, allRows(taskOfRow.size()), options.trainFraction, random, split.train, split.test);
    carveValidation(taskOfRow, options.validationFraction, random, split);
    return split;
}

DataSplit splitOutOfDomain(const std::vector<std::string>& taskOfRow, const std::string& heldOutTask,
                           double validationFraction, std::uint64_t seed)
{
    checkFraction(validationFraction, "validation fraction");
    DataSplit split;
    for (std::size_t row = 0; row < taskOfRow.size(); ++row)
        (taskOfRow[row] == heldOutTask ? split.test : split.train).push_back(static_cast<Eigen::Index>(row));
    if (split.test.empty())
        throw std::invalid_argument("no query belongs to the held-out task \"" + heldOutTask + "\"");
    Random random(seed);
    carveValidation(taskOfRow, validationFraction, random, split);
    return split;
}

std::vector<std::string> distinctTasks(const std::vector<std::string>& taskOfRow)
{
    std::vector<std::string> tasks;
    for (const auto& task : taskOfRow)
        if (std::find(tasks.begin(), tasks.end(), task) == tasks.end())
            tasks.push_back(task);
    return tasks;
}

} // namespace routescope
