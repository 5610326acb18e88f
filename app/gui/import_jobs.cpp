#include "import_jobs.h"

#include "import/same_file.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace routescope {

ImportJobs::ImportJobs(QObject* parent) : QObject(parent) { qRegisterMetaType<routescope::ImportRequest>(); }

ImportJobs::~ImportJobs()
{
    cancel();
    // Jobs post back to this object: let them see the cancel flag and finish first.
    QThreadPool::globalInstance()->waitForDone();
}

void ImportJobs::enqueue(const ImportRequest& request)
{
    queue_.push_back(request);
    if (!running_)
        startNext();
}

void ImportJobs::cancel()
{
    queue_.clear();
    if (cancel_)
        cancel_->store(true);
}

void ImportJobs::finish()
{
    running_ = false;
    if (queue_.empty())
        emit idle();
    else
        startNext();
}

void ImportJobs::startNext()
{
    if (queue_.empty())
        return;
    const ImportRequest request = queue_.front();
    queue_.pop_front();
    running_ = true;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    emit started(request.file);

    QPointer<ImportJobs> self(this);
    auto cancel = cancel_;
    // Each outcome is posted to the GUI thread, where it is emitted and the next import started.
    const auto post = [self](std::function<void(ImportJobs&)> f) {
        QMetaObject::invokeMethod(qApp, [self, f] {
            if (self)
                f(*self);
        }, Qt::QueuedConnection);
    };
    QThreadPool::globalInstance()->start([request, cancel, post] {
        const QString name = QFileInfo(request.file).fileName();
        JobControl job;
        job.cancel = cancel.get();
        job.progress = [post](double fraction, const std::string& message) {
            post([fraction, text = QString::fromStdString(message)](ImportJobs& self) { emit self.progress(fraction, text); });
        };
        try {
            ProjectStore store(request.projectPath.toStdString());
            if (!request.evenIfPresent) {
                const auto same = datasetsFromSameFile(store, request.file.toStdString());
                if (!same.empty()) {
                    QStringList names;
                    for (const auto& n : same)
                        names << QString::fromStdString(n);
                    post([request, names](ImportJobs& self) {
                        emit self.alreadyPresent(request, names);
                        self.finish();
                    });
                    return;
                }
            }
            const auto report = importDataset(store, request.file.toStdString(), request.options, job);
            QString message = QObject::tr("Imported %1 as '%2': %3 queries, %4 models")
                                  .arg(name, QString::fromStdString(report.datasetName))
                                  .arg(report.queries)
                                  .arg(report.models);
            if (report.incompleteRows)
                message += QObject::tr(", %1 incomplete rows skipped").arg(report.incompleteRows);
            QStringList warnings;
            for (const auto& w : report.warnings)
                warnings << QString::fromStdString(w);
            post([file = request.file, message, warnings](ImportJobs& self) {
                emit self.imported(file, message, warnings);
                self.finish();
            });
        } catch (const Cancelled&) {
            const QString message = QObject::tr("Import of %1 cancelled; the project is unchanged.").arg(name);
            post([file = request.file, message](ImportJobs& self) {
                emit self.cancelled(file, message);
                self.finish();
            });
        } catch (const std::exception& e) {
            post([file = request.file, message = QString::fromStdString(e.what())](ImportJobs& self) {
                emit self.failed(file, message);
                self.finish();
            });
        }
    });
}

} // namespace routescope
