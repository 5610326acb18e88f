#include "project_actions.h"

#include "experiment_jobs.h"
#include "features/feature_cache.h"
#include "project_session.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

namespace routescope {

namespace {

QString datasetName(ProjectSession& session, std::int64_t id)
{
    for (const auto& d : session.datasets())
        if (d.id == id)
            return QString::fromStdString(d.name);
    return {};
}

// A path the user chose in a save dialog (which asked before replacing a file): the file goes,
// unless it is the open project.
bool makeRoomFor(const QString& path, const QString& openProject, QString& why)
{
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(openProject).absoluteFilePath()) {
        why = QObject::tr("%1 is the project open now.").arg(path);
        return false;
    }
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        why = QObject::tr("%1 could not be replaced.").arg(path);
        return false;
    }
    return true;
}

QString withSuffix(QString path)
{
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += ".routescope";
    return path;
}

} // namespace

ProjectActions::ProjectActions(ProjectSession* session, QWidget* window, const ExperimentJobs* jobs,
                               std::function<bool()> idle)
    : QObject(window), session_(session), window_(window), jobs_(jobs), idle_(std::move(idle))
{
}

QString ProjectActions::defaultProjectPath()
{
    const QString fallback = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/default.routescope";
    return QSettings().value("defaultProject", fallback).toString();
}

void ProjectActions::setDefaultProjectPath(const QString& path) { QSettings().setValue("defaultProject", path); }

bool ProjectActions::writable(const QString& title)
{
    if (!session_->isOpen())
        return false;
    const QString reason = session_->readOnlyReason();
    if (!reason.isEmpty())
        emit error(title, reason);
    return reason.isEmpty();
}

bool ProjectActions::unused(const QString& title, const QStringList& experiments, std::optional<std::int64_t> datasetId)
{
    if (datasetId && jobs_->usesDataset(*datasetId)) {
        emit error(title, tr("An experiment is training on this dataset. Wait until it has finished, or cancel it."));
        return false;
    }
    for (const auto& label : experiments)
        if (jobs_->usesExperiment(label)) {
            emit error(title, tr("Experiment '%1' is being loaded or evaluated. Try again when it is on screen.").arg(label));
            return false;
        }
    return true;
}

void ProjectActions::newProject()
{
    const QString path = withSuffix(QFileDialog::getSaveFileName(window_, tr("New project"), QString(),
                                                                  tr("RouteScope projects (*.routescope)")));
    QString why;
    if (path.isEmpty())
        return;
    if (!makeRoomFor(path, session_->path(), why))
        emit error(tr("Cannot create the project"), why);
    else
        emit openRequested(path);
}

void ProjectActions::saveProjectAs()
{
    if (!session_->isOpen())
        return;
    const QString path = withSuffix(QFileDialog::getSaveFileName(window_, tr("Save project as"), session_->path(),
                                                                 tr("RouteScope projects (*.routescope)")));
    QString why;
    if (path.isEmpty())
        return;
    if (!makeRoomFor(path, session_->path(), why))
        emit error(tr("Cannot save the project"), why);
    else
        session_->saveCopy(path);
}

void ProjectActions::chooseDefaultProject()
{
    const QString path = withSuffix(QFileDialog::getSaveFileName(
        window_, tr("Default project: where files opened with no project open are imported"), defaultProjectPath(),
        tr("RouteScope projects (*.routescope)"), nullptr, QFileDialog::DontConfirmOverwrite));
    if (path.isEmpty())
        return;
    setDefaultProjectPath(QFileInfo(path).absoluteFilePath());
    emit status(tr("Files opened with no project open now go to %1").arg(QFileInfo(path).absoluteFilePath()));
}

void ProjectActions::renameDataset(std::int64_t datasetId)
{
    if (!writable(tr("Cannot rename the dataset")))
        return;
    const QString old = datasetName(*session_, datasetId);
    bool ok = false;
    const QString name = QInputDialog::getText(window_, tr("Rename dataset"), tr("New name of dataset '%1':").arg(old),
                                               QLineEdit::Normal, old, &ok);
    if (!ok || name.trimmed() == old)
        return;
    if (const QString why = session_->renameDataset(datasetId, name); !why.isEmpty())
        emit error(tr("Cannot rename the dataset"), why);
}

void ProjectActions::removeDataset(std::int64_t datasetId)
{
    if (!writable(tr("Cannot remove the dataset")))
        return;
    const QString name = datasetName(*session_, datasetId);
    const QStringList experiments = session_->experimentsUsing(datasetId);
    if (!unused(tr("Cannot remove the dataset"), experiments, datasetId))
        return;
    QString text = tr("Remove dataset '%1' from the project?").arg(name);
    if (!experiments.isEmpty())
        text += tr("\n\nThese experiments were trained or tested on it and are removed with it:\n- %1")
                    .arg(experiments.join("\n- "));
    text += tr("\n\nThis cannot be undone.");
    if (QMessageBox::warning(window_, tr("Remove dataset"), text, QMessageBox::Yes | QMessageBox::Cancel,
                             QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    if (const QString why = session_->removeDataset(datasetId); !why.isEmpty())
        emit error(tr("Cannot remove the dataset"), why);
    else
        emit datasetRemoved(datasetId);
}

void ProjectActions::renameExperiment(const QString& label)
{
    if (label.isEmpty() || !writable(tr("Cannot rename the experiment")) || !unused(tr("Cannot rename the experiment"), {label}))
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(window_, tr("Rename experiment"), tr("New name of '%1':").arg(label),
                                               QLineEdit::Normal, label, &ok);
    if (!ok || name.trimmed() == label)
        return;
    if (const QString why = session_->renameExperiment(label, name); !why.isEmpty())
        emit error(tr("Cannot rename the experiment"), why);
    else
        emit experimentRenamed(label, name.trimmed());
}

void ProjectActions::deleteExperiment(const QString& label)
{
    if (label.isEmpty() || !writable(tr("Cannot delete the experiment")) || !unused(tr("Cannot delete the experiment"), {label}))
        return;
    if (QMessageBox::warning(window_, tr("Delete experiment"),
                             tr("Delete experiment '%1'? Its trained routers and results leave the project; this "
                                "cannot be undone.").arg(label),
                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    if (const QString why = session_->removeExperiment(label); !why.isEmpty())
        emit error(tr("Cannot delete the experiment"), why);
    else
        emit experimentDeleted(label);
}

void ProjectActions::clearFeatureCache()
{
    if (!writable(tr("Cannot clear the feature cache")))
        return;
    if (!idle_() || session_->busy()) {
        emit error(tr("Cannot clear the feature cache"), tr("Wait until the running training or import has finished."));
        return;
    }
    const FeatureCacheSize size = featureCacheSize(*session_->store());
    if (size.fits == 0) {
        emit status(tr("The feature cache is empty."));
        return;
    }
    const QString amount =
        tr("%n cached feature fit(s), %1 MB", nullptr, int(size.fits)).arg(double(size.bytes) / 1e6, 0, 'f', 1);
    if (QMessageBox::question(window_, tr("Clear Cached Features"),
                              tr("Drop %1 from this project? Experiments keep their results; the features are "
                                 "made again when an experiment needs them.").arg(amount)) != QMessageBox::Yes)
        return;
    session_->clearFeatureCache();
}

} // namespace routescope
