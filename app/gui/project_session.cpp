#include "project_session.h"

#include "features/feature_cache.h"
#include "store/project_check.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace routescope {

namespace {

// What the workbench says when the project check fails, and what to do.
QString damagedProjectMessage(const QString& path, const ProjectCheck& check)
{
    QString problems;
    for (std::size_t i = 0; i < check.problems.size() && i < 5; ++i)
        problems += QStringLiteral("\n- ") + QString::fromStdString(check.problems[i]);
    if (check.problems.size() > 5)
        problems += QObject::tr("\n- and %1 more").arg(check.problems.size() - 5);
    return QObject::tr("RouteScope did not open %1: the project is damaged or holds values no RouteScope writes.\n%2\n\n"
                       "Nothing was written to it. Keep a copy of the file, run\n  routescope-cli check --db %1\n"
                       "to see every problem, and restore the project from a backup.")
        .arg(path, problems);
}

QString errorOf(const std::function<void()>& change)
{
    try {
        change();
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

} // namespace

ProjectSession::ProjectSession(QObject* parent) : QObject(parent) {}

ProjectSession::~ProjectSession()
{
    // Background work posts back to this object.
    QThreadPool::globalInstance()->waitForDone();
}

QString ProjectSession::path() const { return store_ ? QString::fromStdString(store_->path()) : QString(); }

QString ProjectSession::readOnlyReason() const
{
    if (!store_ || !store_->readOnly())
        return {};
    if (store_->inUseBy())
        return tr("Another RouteScope (process %1) is writing this project; close it there, then open the project "
                  "again.").arg(*store_->inUseBy());
    return tr("This project is read-only for you (the file or its folder): make a copy you may write (File > Save "
              "Project As) and work in that.");
}

void ProjectSession::background(const QString& message, std::function<QString()> work,
                                std::function<void(const QString&)> done)
{
    busy_ = true;
    emit busyChanged(true, message);
    QPointer<ProjectSession> self(this);
    QThreadPool::globalInstance()->start([self, work = std::move(work), done = std::move(done)] {
        QString error;
        try {
            error = work();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, done, error] {
            if (!self)
                return;
            self->busy_ = false;
            emit self->busyChanged(false, {});
            done(error);
        }, Qt::QueuedConnection);
    });
}

void ProjectSession::open(const QString& path)
{
    auto opening = std::make_shared<std::shared_ptr<ProjectStore>>();
    auto title = std::make_shared<QString>(tr("Cannot open project"));
    background(tr("Opening and checking %1...").arg(QFileInfo(path).fileName()),
               [path, opening, title]() -> QString {
                   // A project another RouteScope writes opens read-only here, and the title says so.
                   auto store = std::make_shared<ProjectStore>(path.toStdString(), ProjectStore::Access::ReadWriteIfFree);
                   const ProjectCheck check = checkProject(path.toStdString(), CheckDepth::Quick);
                   if (!check.healthy()) {
                       *title = tr("Damaged project");
                       return damagedProjectMessage(path, check);
                   }
                   *opening = std::move(store);
                   return {};
               },
               [this, path, opening, title](const QString& error) {
                   if (!error.isEmpty()) {
                       emit openFailed(*title, error);
                       return;
                   }
                   store_ = std::move(*opening);
                   emit opened(path);
               });
}

std::vector<DatasetSummary> ProjectSession::datasets() const
{
    return store_ ? store_->datasets() : std::vector<DatasetSummary>{};
}

std::vector<SavedExperiment> ProjectSession::experiments() const
{
    return store_ ? listExperiments(*store_) : std::vector<SavedExperiment>{};
}

std::vector<std::string> ProjectSession::tasks(std::int64_t datasetId) const
{
    return store_ ? store_->tasks(datasetId) : std::vector<std::string>{};
}

QStringList ProjectSession::experimentsUsing(std::int64_t datasetId) const
{
    QStringList labels;
    for (const auto& e : experiments())
        if (e.trainDatasetId == datasetId || e.testDatasetId == datasetId)
            labels << QString::fromStdString(e.label);
    return labels;
}

QString ProjectSession::renameDataset(std::int64_t datasetId, const QString& name)
{
    const QString error = errorOf([&] { store_->renameDataset(datasetId, name.trimmed().toStdString()); });
    if (error.isEmpty())
        emit changed();
    return error;
}

QString ProjectSession::removeDataset(std::int64_t datasetId)
{
    const QString error = errorOf([&] { store_->removeDataset(datasetId); });
    if (error.isEmpty())
        emit changed();
    return error;
}

QString ProjectSession::renameExperiment(const QString& from, const QString& to)
{
    const QString error = errorOf([&] { routescope::renameExperiment(*store_, from.toStdString(), to.trimmed().toStdString()); });
    if (error.isEmpty())
        emit changed();
    return error;
}

QString ProjectSession::removeExperiment(const QString& label)
{
    const QString error = errorOf([&] { routescope::removeExperiment(*store_, label.toStdString()); });
    if (error.isEmpty())
        emit changed();
    return error;
}

void ProjectSession::saveCopy(const QString& path)
{
    const std::string projectPath = store_->path();
    background(tr("Saving a copy as %1...").arg(QFileInfo(path).fileName()),
               [projectPath, path] {
                   return errorOf([&] {
                       ProjectStore store(projectPath, ProjectStore::Access::ReadOnly);
                       store.saveCopy(path.toStdString());
                   });
               },
               [this, path](const QString& error) { emit saved(path, error); });
}

void ProjectSession::clearFeatureCache()
{
    const std::string projectPath = store_->path();
    // Its own connection: DELETE and VACUUM of a large cache take seconds.
    background(tr("Clearing cached features..."),
               [projectPath] {
                   return errorOf([&] {
                       ProjectStore store(projectPath);
                       routescope::clearFeatureCache(store);
                   });
               },
               [this](const QString& error) { emit cacheCleared(error); });
}

bool isProjectFile(const QString& path)
{
    if (path.endsWith(".routescope", Qt::CaseInsensitive))
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace routescope
