#pragma once
// Dataset imports of the workbench, one file after another on the thread pool, each writing
// through its own project connection: progress, cancel, the importer's warnings, and a question
// before a file the project already holds (the same bytes) is imported again.

#include "import/importer.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <deque>
#include <memory>

namespace routescope {

struct ImportRequest {
    QString projectPath;
    QString file;
    ImportOptions options;
    bool evenIfPresent = false; // import even when the project holds a dataset of the same bytes
};

class ImportJobs : public QObject {
    Q_OBJECT
public:
    explicit ImportJobs(QObject* parent = nullptr);
    ~ImportJobs() override;

    void enqueue(const ImportRequest& request);
    // Cancels the running import and drops the queued ones.
    void cancel();
    bool running() const { return running_; }

signals:
    void started(const QString& file);
    void progress(double fraction, const QString& message);
    // message: "Imported FILE as 'NAME': N queries, M models"; warnings: the importer's, one a line.
    void imported(const QString& file, const QString& message, const QStringList& warnings);
    void failed(const QString& file, const QString& message);
    void cancelled(const QString& file, const QString& message);
    // Not imported: its bytes equal those the named datasets came from. Enqueue it again with
    // evenIfPresent to import it all the same.
    void alreadyPresent(const routescope::ImportRequest& request, const QStringList& datasets);
    // The queue is empty.
    void idle();

private:
    void startNext();
    void finish();

    std::deque<ImportRequest> queue_;
    bool running_ = false;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace routescope

Q_DECLARE_METATYPE(routescope::ImportRequest)
