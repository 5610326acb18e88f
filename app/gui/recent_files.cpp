#include "recent_files.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace routescope {

namespace {

constexpr int kMaxRecent = 8;

QString keyOf(RecentFiles::Kind kind)
{
    return kind == RecentFiles::Kind::Project ? QStringLiteral("recentProjects") : QStringLiteral("recentFiles");
}

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), menu_(menu) { rebuild(); }

QStringList RecentFiles::paths(Kind kind) const { return QSettings().value(keyOf(kind)).toStringList(); }

void RecentFiles::remember(Kind kind, const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths(kind);
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(keyOf(kind), list);
    rebuild();
}

QString RecentFiles::lastProject() const
{
    for (const QString& path : paths(Kind::Project))
        if (QFileInfo(path).isFile())
            return path;
    return {};
}

void RecentFiles::rebuild()
{
    menu_->clear();
    bool any = false;
    for (const Kind kind : {Kind::Project, Kind::Dataset}) {
        for (const QString& path : paths(kind)) {
            menu_->addAction(QFileInfo(path).fileName() + "  (" + QFileInfo(path).path() + ")", this,
                             [this, path] { emit openRequested(path); });
            any = true;
        }
        menu_->addSeparator();
    }
    menu_->setEnabled(any);
}

} // namespace routescope
