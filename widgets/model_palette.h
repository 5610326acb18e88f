#pragma once
// Colours that name a model or a router the same way in every plot, experiment and project, and
// stay apart for colour-blind readers: sets drawn from Okabe & Ito's and Paul Tol's palettes,
// looked up by name, never by position in a list (which made MLP red in one run, green in the next).

#include <QColor>
#include <QString>

#include <Eigen/Core>

#include <map>
#include <string>
#include <vector>

namespace routescope {

// The 13 model colours; the test checks that any two differ for every kind of colour blindness.
const std::vector<QColor>& modelColors();
// The 12 colours of learned routers (the oracle and the random router are greys): one per known
// kind, the last two shared by kinds not known here.
const std::vector<QColor>& routerColors();

class ModelPalette {
public:
    // modelNamesByPrice: the experiment's models, cheapest first (the order of stacked plots).
    explicit ModelPalette(std::vector<QString> modelNamesByPrice = {});
    // Models of well-known benchmarks (RouterBench, LLMRouter) have fixed colours, distinct within
    // their benchmark; any other name hashes to a colour, moved on to the next free one when a model
    // of this palette already has it.
    QColor color(const QString& model) const;
    const std::vector<QString>& modelsByPrice() const { return models_; }

private:
    std::vector<QString> models_;
    std::map<QString, QColor> colors_;
};

// The palette of an experiment: its models ordered by mean true cost per query (a run's test costs).
ModelPalette modelPalette(const std::vector<std::string>& modelNames, const Eigen::MatrixXd& trueCosts);

// A router's colour by its kind ("knn" of "knn:k=20"): the same in every experiment.
QColor routerColor(const QString& routerName);
// "knn" of "knn:k=20".
QString routerKind(const QString& routerName);
// Routers of one kind share its colour and differ by dashes: the line of the n-th (0, 1, ...) of
// them, solid, dashed, dash-dot, dash-dot-dot, then round again.
Qt::PenStyle routerLineStyle(int sameColourIndex);

} // namespace routescope
