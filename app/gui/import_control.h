#pragma once
// The workbench's side of importing: asks what a file lacks before it is queued (a scores JSON's
// price table), asks before a file the project already holds is imported again, shows progress
// and a Cancel button in the status bar, and shows the importer's warnings when a file is in.

#include "import_jobs.h"

#include <QObject>
#include <QStringList>

class QProgressBar;
class QPushButton;
class QWidget;

namespace routescope {

class ImportControl : public QObject {
    Q_OBJECT
public:
    explicit ImportControl(QWidget* window);

    // Queues each file for the project at `projectPath`, asking first where a file needs more.
    void importFiles(const QString& projectPath, const QStringList& files);
    void cancel() { jobs_->cancel(); }
    bool running() const { return jobs_->running(); }
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* cancelButton() const { return cancel_; }

signals:
    void status(const QString& message);
    void error(const QString& title, const QString& message);
    // ok: imported. Also sent for a file not imported because the project holds it already.
    void finished(bool ok, const QString& file, const QString& message);

private:
    void enqueue(const ImportRequest& request);
    void askAboutCopy(const ImportRequest& request, const QStringList& datasets);
    void showWarnings(const QString& file, const QStringList& warnings);

    QWidget* window_;
    ImportJobs* jobs_;
    QProgressBar* progress_;
    QPushButton* cancel_;
};

} // namespace routescope
