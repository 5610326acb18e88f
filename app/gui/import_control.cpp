#include "import_control.h"

#include "import_dialog.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QWidget>

namespace routescope {

namespace {

// Whether the file is a scores JSON (which has no costs); other formats, and unreadable files,
// go to the importer as they are, which reports their problems with file and line.
bool isScoresJson(const QString& file)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == "csv" || suffix == "jsonl" || suffix == "ndjson")
        return false;
    try {
        return detectFileFormat(file.toStdString()) == DatasetFormat::ScoresJson;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

ImportControl::ImportControl(QWidget* window)
    : QObject(window), window_(window), jobs_(new ImportJobs(this)), progress_(new QProgressBar(window)),
      cancel_(new QPushButton(tr("Cancel import"), window))
{
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(260);
    progress_->hide();
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, jobs_, &ImportJobs::cancel);
    connect(jobs_, &ImportJobs::started, this, [this](const QString& file) {
        progress_->setValue(0);
        progress_->setFormat("%p%");
        progress_->show();
        cancel_->show();
        emit status(tr("Importing %1...").arg(QFileInfo(file).fileName()));
    });
    connect(jobs_, &ImportJobs::progress, this, [this](double fraction, const QString& message) {
        progress_->setValue(int(fraction * 1000));
        if (!message.isEmpty())
            progress_->setFormat(message);
    });
    connect(jobs_, &ImportJobs::idle, this, [this] {
        progress_->hide();
        cancel_->hide();
    });
    connect(jobs_, &ImportJobs::imported, this, [this](const QString& file, const QString& message, const QStringList& warnings) {
        emit status(message);
        showWarnings(file, warnings);
        emit finished(true, file, message);
    });
    connect(jobs_, &ImportJobs::failed, this, [this](const QString& file, const QString& message) {
        emit status(message);
        emit error(tr("Import failed"), message + tr("\n\nThe project is unchanged."));
        emit finished(false, file, message);
    });
    connect(jobs_, &ImportJobs::cancelled, this, [this](const QString& file, const QString& message) {
        emit status(message);
        emit finished(false, file, message);
    });
    connect(jobs_, &ImportJobs::alreadyPresent, this, &ImportControl::askAboutCopy);
}

void ImportControl::importFiles(const QString& projectPath, const QStringList& files)
{
    for (const QString& file : files) {
        ImportRequest request{projectPath, file, {}, false};
        if (!isScoresJson(file)) {
            enqueue(request);
            continue;
        }
        auto* dialog = new ScoresImportDialog(file, window_);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog, request] {
            ImportRequest withPrices = request;
            withPrices.options = dialog->options();
            enqueue(withPrices);
        });
        connect(dialog, &QDialog::rejected, this, [this, file] {
            emit finished(false, file, tr("Import of %1 cancelled: no price table.").arg(QFileInfo(file).fileName()));
        });
        dialog->open();
    }
}

void ImportControl::enqueue(const ImportRequest& request) { jobs_->enqueue(request); }

void ImportControl::askAboutCopy(const ImportRequest& request, const QStringList& datasets)
{
    const QString name = QFileInfo(request.file).fileName();
    const QString message = tr("%1 holds the same bytes as the file dataset '%2' was imported from.")
                                .arg(name, datasets.join("', '"));
    emit finished(false, request.file, message);
    // Window-modal, not a nested event loop: background work goes on behind it.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Already in the project"),
                                message + tr("\n\nImport it again as another dataset?"), QMessageBox::NoButton, window_);
    QPushButton* again = box->addButton(tr("Import Again"), QMessageBox::AcceptRole);
    box->addButton(tr("Skip"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    ImportRequest anyway = request;
    anyway.evenIfPresent = true;
    connect(box, &QMessageBox::buttonClicked, this, [this, again, anyway, name](QAbstractButton* button) {
        if (button == again)
            enqueue(anyway);
        else
            emit status(tr("Skipped %1: already in the project.").arg(name));
    });
    box->open();
}

void ImportControl::showWarnings(const QString& file, const QStringList& warnings)
{
    if (warnings.isEmpty())
        return;
    auto* box = new QMessageBox(QMessageBox::Information, tr("Imported with warnings"),
                                tr("%1 was imported. The importer noted:\n- %2")
                                    .arg(QFileInfo(file).fileName(), warnings.join("\n- ")),
                                QMessageBox::Ok, window_);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace routescope
