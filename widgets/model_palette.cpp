#include "model_palette.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace routescope {

namespace {

// Indices into modelColors(), by the model's name without its organisation ("meta/...").
const std::map<QString, int>& knownModels()
{
    static const std::map<QString, int> known = {
        // RouterBench: the most expensive model in vermilion, as "hot" as before.
        {"gpt-4-1106-preview", 5}, {"claude-v2", 6}, {"claude-v1", 7}, {"claude-instant-v1", 11},
        {"gpt-3.5-turbo-1106", 0}, {"mixtral-8x7b-chat", 4}, {"mistral-7b-chat", 1},
        {"llama-2-70b-chat", 2}, {"code-llama-instruct-34b-chat", 8}, {"yi-34b-chat", 3},
        {"wizardlm-13b-v1.2", 10},
        // LLMRouter.
        {"llama-3.3-nemotron-super-49b-v1", 5}, {"llama-3.1-nemotron-51b-instruct", 6},
        {"llama3-chatqa-1.5-70b", 2}, {"llama3-chatqa-1.5-8b", 1}, {"llama-3.1-8b-instruct", 4},
        {"qwen2.5-7b-instruct", 0}, {"gemma-2-9b-it", 3}, {"codegemma-7b", 8},
        {"mistral-7b-instruct-v0.3", 10},
    };
    return known;
}

// Indices into routerColors(), by router kind; kinds not listed hash onto the spare colours 10-11.
const std::map<QString, int>& knownRouters()
{
    static const std::map<QString, int> known = {
        {"knn", 0}, {"equirouter", 1}, {"ridge", 2}, {"mlp", 3}, {"mf", 4}, {"margin", 5},
        {"svm", 6}, {"sw", 7}, {"contrastive", 8}, {"cascade", 9},
    };
    return known;
}

QString modelKey(const QString& model) { return model.section('/', -1).toLower(); }

// FNV-1a: a hash that is the same on every machine and in every run (std::hash need not be).
std::uint32_t stableHash(const QString& text)
{
    std::uint32_t h = 2166136261u;
    for (const char c : text.toUtf8()) {
        h ^= std::uint8_t(c);
        h *= 16777619u;
    }
    return h;
}

int modelColorIndex(const QString& model)
{
    const auto known = knownModels().find(modelKey(model));
    return known != knownModels().end() ? known->second : int(stableHash(modelKey(model)) % modelColors().size());
}

} // namespace

const std::vector<QColor>& modelColors()
{
    static const std::vector<QColor> colors = {
        QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42),
        QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0xCC, 0x79, 0xA7), QColor(0xAA, 0x33, 0x77),
        QColor(0x66, 0x66, 0x33), QColor(0x66, 0x33, 0x33), QColor(0x33, 0x22, 0x88), QColor(0xFF, 0xAA, 0xBB),
        QColor(0x99, 0xDD, 0xFF)};
    return colors;
}

const std::vector<QColor>& routerColors()
{
    static const std::vector<QColor> colors = {
        QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0xE6, 0x9F, 0x00),
        QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7), QColor(0x56, 0xB4, 0xE9),
        QColor(0x33, 0x22, 0x88), QColor(0xAA, 0x33, 0x77), QColor(0x66, 0x66, 0x33),
        QColor(0x66, 0x33, 0x33), QColor(0x99, 0xDD, 0xFF), QColor(0xFF, 0xAA, 0xBB)};
    return colors;
}

ModelPalette::ModelPalette(std::vector<QString> modelNamesByPrice) : models_(std::move(modelNamesByPrice))
{
    // Known models first, then the others in name order, so the result depends on the set of
    // names only; a taken colour passes to the next free one while any is free.
    std::vector<QString> order = models_;
    std::sort(order.begin(), order.end(), [](const QString& a, const QString& b) {
        const bool knownA = knownModels().count(modelKey(a)), knownB = knownModels().count(modelKey(b));
        return knownA != knownB ? knownA : a < b;
    });
    const int n = int(modelColors().size());
    std::vector<bool> taken(std::size_t(n), false);
    for (const QString& model : order) {
        int index = modelColorIndex(model);
        for (int step = 0; step < n && taken[std::size_t(index)]; ++step)
            index = (index + 1) % n;
        taken[std::size_t(index)] = true;
        colors_[model] = modelColors()[std::size_t(index)];
    }
}

QColor ModelPalette::color(const QString& model) const
{
    const auto it = colors_.find(model);
    return it != colors_.end() ? it->second : modelColors()[std::size_t(modelColorIndex(model))];
}

ModelPalette modelPalette(const std::vector<std::string>& modelNames, const Eigen::MatrixXd& trueCosts)
{
    std::vector<std::size_t> order(modelNames.size());
    std::iota(order.begin(), order.end(), 0);
    if (trueCosts.rows() > 0 && trueCosts.cols() == Eigen::Index(modelNames.size())) {
        const Eigen::RowVectorXd meanCost = trueCosts.colwise().mean();
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return meanCost(Eigen::Index(a)) < meanCost(Eigen::Index(b));
        });
    }
    std::vector<QString> byPrice;
    for (const std::size_t i : order)
        byPrice.push_back(QString::fromStdString(modelNames[i]));
    return ModelPalette(byPrice);
}

QString routerKind(const QString& routerName) { return routerName.section(':', 0, 0).trimmed().toLower(); }

Qt::PenStyle routerLineStyle(int sameColourIndex)
{
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DashDotLine, Qt::DashDotDotLine};
    return styles[sameColourIndex % 4];
}

QColor routerColor(const QString& routerName)
{
    const QString kind = routerKind(routerName);
    if (kind == "oracle")
        return QColor(40, 40, 40);
    if (kind == "random")
        return QColor(150, 150, 150);
    const auto known = knownRouters().find(kind);
    const int spare = int(routerColors().size()) - 10;
    const int index = known != knownRouters().end() ? known->second : 10 + int(stableHash(kind) % std::uint32_t(spare));
    return routerColors()[std::size_t(index)];
}

} // namespace routescope
