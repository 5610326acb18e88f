#pragma once
// The workbench's open project: opened and checked in the background (the check of
// `routescope-cli check --quick`, so a damaged project is not shown as if it were sound),
// read-only when another RouteScope writes it; its datasets and saved experiments renamed and
// removed; a copy saved and the feature cache cleared in the background.

#include "experiment/experiment_store.h"
#include "store/project_store.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace routescope {

class ProjectSession : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    // Opens (or creates) the project in the background: opened() or openFailed() follows. The
    // project open until then stays open.
    void open(const QString& path);
    bool isOpen() const { return store_ != nullptr; }
    // Opening, saving a copy or clearing the cache.
    bool busy() const { return busy_; }
    QString path() const;
    ProjectStore* store() const { return store_.get(); }
    // Why the open project cannot be written, for the user; empty when it can.
    QString readOnlyReason() const;

    std::vector<DatasetSummary> datasets() const;
    std::vector<SavedExperiment> experiments() const;
    std::vector<std::string> tasks(std::int64_t datasetId) const;
    // The names of the experiments trained or tested on a dataset.
    QStringList experimentsUsing(std::int64_t datasetId) const;

    // Each returns why it failed, or an empty string; changed() follows a change.
    QString renameDataset(std::int64_t datasetId, const QString& name);
    QString removeDataset(std::int64_t datasetId);
    QString renameExperiment(const QString& from, const QString& to);
    QString removeExperiment(const QString& label);

    // Background: saved() with an error or "" when done; the copy is then opened.
    void saveCopy(const QString& path);
    // Background: cacheCleared() with an error or "" when done.
    void clearFeatureCache();

signals:
    void opened(const QString& path);
    void openFailed(const QString& title, const QString& message);
    void changed();
    void saved(const QString& path, const QString& error);
    void cacheCleared(const QString& error);
    void busyChanged(bool busy, const QString& message);

private:
    // Runs `work` on the pool (it returns an error or ""), then `done` on the GUI thread.
    void background(const QString& message, std::function<QString()> work, std::function<void(const QString&)> done);

    std::shared_ptr<ProjectStore> store_;
    bool busy_ = false;
};

// A RouteScope project (by extension or SQLite header), not a dataset to import.
bool isProjectFile(const QString& path);

} // namespace routescope
