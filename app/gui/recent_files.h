#pragma once
// File > Open Recent: the projects and dataset files that opened (a file that failed to import or
// a project that did not open is never listed), newest first, kept in the user's settings. The
// most recent project is the one reopened at launch.

#include <QObject>
#include <QString>

class QMenu;

namespace routescope {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    enum class Kind { Project, Dataset };

    // Fills `menu` and keeps it current.
    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void remember(Kind kind, const QString& path);
    QStringList paths(Kind kind) const;
    // The project opened last, if it still exists.
    QString lastProject() const;

signals:
    void openRequested(const QString& path);

private:
    void rebuild();

    QMenu* menu_;
};

} // namespace routescope
