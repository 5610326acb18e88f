#pragma once
// Where one query's choices change from one budget to the next. A query's choice changes at a
// few budgets of a sweep only, so what is counted per budget (selection shares, RCI curves) is
// counted at the changes and added up over budgets afterwards. Internal to evaluation/.

#include <Eigen/Core>

#include <cstdint>
#include <cstring>

namespace routescope {

// Calls atChange(b) for b = 0 and then for every budget b at which column[b] differs from
// column[b - 1], in increasing order. Eight budgets at a time: a block with no change in it
// equals the block one budget earlier, which two word compares tell.
template <typename AtChange>
void forEachChoiceChange(const std::int16_t* column, Eigen::Index budgets, AtChange atChange)
{
    if (budgets <= 0)
        return;
    atChange(Eigen::Index(0));
    Eigen::Index b = 1;
    for (; b + 8 <= budgets; b += 8) {
        std::uint64_t now[2], before[2];
        std::memcpy(now, column + b, sizeof now);
        std::memcpy(before, column + b - 1, sizeof before);
        if (((now[0] ^ before[0]) | (now[1] ^ before[1])) == 0)
            continue;
        for (Eigen::Index i = b; i < b + 8; ++i)
            if (column[i] != column[i - 1])
                atChange(i);
    }
    for (; b < budgets; ++b)
        if (column[b] != column[b - 1])
            atChange(b);
}

} // namespace routescope
