#pragma once
// What the user does to the project itself, each with its file dialog or confirmation: a new
// project, a copy saved under another name, where the default project lives, datasets and saved
// experiments renamed or removed (naming what goes with them), and the feature cache cleared.

#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

class QWidget;

namespace routescope {

class ExperimentJobs;
class ProjectSession;

class ProjectActions : public QObject {
    Q_OBJECT
public:
    // idle: whether no training or import runs (the cache is not cleared under them). A dataset
    // or experiment the running job of `jobs` uses is not removed or renamed under it.
    ProjectActions(ProjectSession* session, QWidget* window, const ExperimentJobs* jobs, std::function<bool()> idle);

    // Where dataset files go when they are opened with no project open (changeable; in the
    // user's data folder by default).
    static QString defaultProjectPath();
    static void setDefaultProjectPath(const QString& path);

    void newProject();
    void saveProjectAs();
    void chooseDefaultProject();
    void renameDataset(std::int64_t datasetId);
    void removeDataset(std::int64_t datasetId);
    void renameExperiment(const QString& label);
    void deleteExperiment(const QString& label);
    // Asks, naming the size, then clears in the background.
    void clearFeatureCache();

signals:
    void openRequested(const QString& path);
    void status(const QString& message);
    void error(const QString& title, const QString& message);
    // A saved experiment's new label (the window follows an experiment on screen).
    void experimentRenamed(const QString& from, const QString& to);
    void experimentDeleted(const QString& label);
    void datasetRemoved(std::int64_t datasetId);

private:
    // False (and says why) when the open project cannot be written.
    bool writable(const QString& title);
    // False (and says why) when the running job uses the experiment (or the dataset and its experiments).
    bool unused(const QString& title, const QStringList& experiments, std::optional<std::int64_t> datasetId = {});

    ProjectSession* session_;
    QWidget* window_;
    const ExperimentJobs* jobs_;
    std::function<bool()> idle_;
};

} // namespace routescope
