#include "model_palette.h"

#include <algorithm>
#include <array>

namespace routescope {

ModelPalette::ModelPalette(std::vector<QString> modelNamesByPrice) : models_(std::move(modelNamesByPrice)) {}

QColor ModelPalette::color(const QString& model) const
{
    const auto it = std::find(models_.begin(), models_.end(), model);
    if (it == models_.end())
        return QColor(Qt::gray);
    const double t = models_.size() < 2 ? 1.0 : double(it - models_.begin()) / double(models_.size() - 1);
    // Hue from blue-green (cheap) through yellow to red (expensive); lightness alternates a little
    // so neighbours in a stacked plot stay apart.
    const int hue = int(200.0 * (1.0 - t));
    const int lightness = (it - models_.begin()) % 2 ? 120 : 145;
    return QColor::fromHsl(hue, 170, lightness);
}

QColor routerColor(int index)
{
    static const std::array<QColor, 10> colors = {
        QColor(31, 119, 180), QColor(214, 39, 40),  QColor(44, 160, 44),  QColor(148, 103, 189),
        QColor(255, 127, 14), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
        QColor(188, 189, 34), QColor(23, 190, 207)};
    return colors[static_cast<std::size_t>(index) % colors.size()];
}

} // namespace routescope
