#pragma once
// One colour per model, the same in every plot: models ordered by price, cheap to expensive,
// along a palette from cool to warm, so the expensive model's band reads as "hot".

#include <QColor>
#include <QString>

#include <vector>

namespace routescope {

class ModelPalette {
public:
    // modelNames ordered by price, cheapest first.
    explicit ModelPalette(std::vector<QString> modelNamesByPrice = {});
    QColor color(const QString& model) const;
    const std::vector<QString>& modelsByPrice() const { return models_; }

private:
    std::vector<QString> models_;
};

// Distinct colours for routers (not models), in a fixed order.
QColor routerColor(int index);

} // namespace routescope
