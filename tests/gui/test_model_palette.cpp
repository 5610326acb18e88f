// Colours name models and routers, and keep naming them the same way: any two palette colours
// stay apart for the colour blind (simulated protanopia, deuteranopia, tritanopia), a benchmark's
// models all differ, and a model's or router's colour does not depend on the experiment it is in
// (MLP was red in one experiment and green in the next).

#include "gui_support.h"
#include "test_support.h"

#include "experiment/comparison.h"
#include "frontier_plot.h"
#include "model_palette.h"

#include <QTest>

#include <array>
#include <cmath>

using namespace routescope;

namespace {

using Vec3 = std::array<double, 3>;

double linear(double c)
{
    c /= 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
const std::array<std::array<Vec3, 3>, 4> kVision = {{
    {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
    {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},
    {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},
    {{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},
}};

// CIELAB under one kind of vision.
Vec3 lab(const QColor& color, int vision)
{
    const Vec3 rgb = {linear(color.red()), linear(color.green()), linear(color.blue())};
    Vec3 seen{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            seen[std::size_t(i)] += kVision[std::size_t(vision)][std::size_t(i)][std::size_t(j)] * rgb[std::size_t(j)];
    for (double& c : seen)
        c = std::clamp(c, 0.0, 1.0);
    const double x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047;
    const double y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2];
    const double z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883;
    const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

// The smallest CIE76 difference between two colours of the set, under the worst kind of vision.
double worstDifference(const std::vector<QColor>& colors)
{
    double worst = INFINITY;
    for (std::size_t a = 0; a < colors.size(); ++a)
        for (std::size_t b = a + 1; b < colors.size(); ++b)
            for (int vision = 0; vision < 4; ++vision) {
                const Vec3 p = lab(colors[a], vision), q = lab(colors[b], vision);
                worst = std::min(worst, std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
            }
    return worst;
}

QColor curveColor(FrontierPlot& plot, const QString& router)
{
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* curve = qobject_cast<QCPCurve*>(plot.plottable(i)); curve && curve->name() == router)
            return curve->pen().color();
    return {};
}

} // namespace

class TestModelPalette : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    void colorsStayApartForTheColourBlind()
    {
        QCOMPARE(modelColors().size(), std::size_t(13));
        const double models = worstDifference(modelColors()), routers = worstDifference(routerColors());
        qInfo("smallest CIE76 difference under normal, protan, deutan and tritan vision: models %.1f, routers %.1f",
              models, routers);
        QVERIFY2(models >= 15, qPrintable(QString::number(models)));
        QVERIFY2(routers >= 15, qPrintable(QString::number(routers)));
    }

    void aBenchmarksModelsAllDiffer()
    {
        const auto routerBench = test::qtNames(test::routerBenchModels());
        const std::vector<QString> llmRouter = {
            "llama3-chatqa-1.5-8b", "qwen2.5-7b-instruct", "llama3-chatqa-1.5-70b", "llama-3.1-nemotron-51b-instruct",
            "mistral-7b-instruct-v0.3", "gemma-2-9b-it", "llama-3.1-8b-instruct", "codegemma-7b",
            "llama-3.3-nemotron-super-49b-v1"};
        std::vector<QString> unknown;
        for (int i = 0; i < 13; ++i)
            unknown.push_back(QStringLiteral("model-%1").arg(i));
        for (const auto& names : {routerBench, llmRouter, unknown}) {
            const ModelPalette palette(names);
            QSet<QRgb> colors;
            for (const auto& n : names)
                colors << palette.color(n).rgb();
            QCOMPARE(colors.size(), int(names.size()));
        }
    }

    void aModelKeepsItsColourAcrossExperiments()
    {
        const auto all = test::qtNames(test::routerBenchModels());
        const ModelPalette full(all);
        // Another experiment: fewer models, in another order (as another price order gives).
        const ModelPalette subset({all[5], all[0], all[9], all[2]});
        for (const QString& m : {all[5], all[0], all[9], all[2]})
            QCOMPARE(subset.color(m), full.color(m));
        // The same set in any order gives the same colours, also for names no table knows.
        const ModelPalette forward({"alpha", "beta", "gamma"}), backward({"gamma", "beta", "alpha"});
        for (const char* m : {"alpha", "beta", "gamma"})
            QCOMPARE(forward.color(m), backward.color(m));
        QCOMPARE(ModelPalette().color("gpt-4-1106-preview"), full.color("gpt-4-1106-preview"));
    }

    void aRouterKeepsItsColourAcrossExperiments()
    {
        const auto models = test::routerBenchModels();
        std::vector<ExperimentRun> first, second;
        first.push_back(test::noisyRun({"knn", "mlp", "equirouter"}, int(models.size()), 200, 1));
        second.push_back(test::noisyRun({"equirouter", "ridge", "mlp"}, int(models.size()), 200, 2));
        FrontierPlot a, b;
        a.setComparison(compareRouters(first, models, BudgetPolicy::CostThreshold), 0, ModelPalette());
        b.setComparison(compareRouters(second, models, BudgetPolicy::CostThreshold), 0, ModelPalette());
        QCOMPARE(curveColor(a, "mlp"), curveColor(b, "mlp"));
        QCOMPARE(curveColor(a, "equirouter"), curveColor(b, "equirouter"));
        QVERIFY(curveColor(a, "mlp") != curveColor(a, "knn"));
        // Settings do not change a router's colour; in one plot its variants differ by dashes.
        QCOMPARE(routerColor("knn:k=20"), routerColor("knn"));
        std::vector<ExperimentRun> variants;
        variants.push_back(test::noisyRun({"knn", "knn:k=5"}, int(models.size()), 200, 3));
        FrontierPlot c;
        c.setComparison(compareRouters(variants, models, BudgetPolicy::CostThreshold), 0, ModelPalette());
        Qt::PenStyle styles[2] = {};
        for (int i = 0; i < c.plottableCount(); ++i)
            if (auto* curve = qobject_cast<QCPCurve*>(c.plottable(i)); curve && curve->name().startsWith("knn"))
                styles[curve->name() == "knn" ? 0 : 1] = curve->pen().style();
        QCOMPARE(styles[0], Qt::SolidLine);
        QCOMPARE(styles[1], Qt::DashLine);
    }
};

QTEST_MAIN(TestModelPalette)
#include "test_model_palette.moc"
