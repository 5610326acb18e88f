// The workbench's menus and toolbar (MainWindow::createMenus): File (open, projects, recent
// files, exports, the feature cache), View (cost axis, the 95 % band) and the seed to show.

#include "main_window.h"

#include "export_actions.h"
#include "frontier_plot.h"
#include "project_actions.h"
#include "recent_files.h"
#include "result_views.h"
#include "training_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QToolBar>

namespace routescope {

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open or Import..."), QKeySequence::Open, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open project or import datasets"), QString(),
            tr("Projects and datasets (*.routescope *.csv *.json *.jsonl);;All files (*)"));
        openPaths(paths);
    });
    file->addAction(tr("&New Project..."), QKeySequence::New, actions_, &ProjectActions::newProject);
    file->addAction(tr("Save Project &As..."), QKeySequence::SaveAs, actions_, &ProjectActions::saveProjectAs);
    recent_ = new RecentFiles(file->addMenu(tr("Open &Recent")), this);
    connect(recent_, &RecentFiles::openRequested, this, [this](const QString& path) { openPaths({path}); });
    file->addAction(tr("&Default Project Location..."), actions_, &ProjectActions::chooseDefaultProject);
    file->addSeparator();
    exports_->addTo(file);
    file->addSeparator();
    file->addAction(tr("&Clear Cached Features..."), actions_, &ProjectActions::clearFeatureCache);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* logAxis = view->addAction(tr("&Logarithmic Cost Axis"));
    logAxis->setCheckable(true);
    logAxis->setChecked(true);
    connect(logAxis, &QAction::toggled, frontierPlot(), &FrontierPlot::setLogCost);
    bandAction_ = view->addAction(tr("Show 95 % &Band of the Selected Router"));
    bandAction_->setIconText(tr("95 % band"));
    bandAction_->setToolTip(tr("Shade the bootstrap band of the router chosen for the share plot (or clicked in "
                               "the metrics table) on the frontier"));
    bandAction_->setCheckable(true);
    connect(bandAction_, &QAction::toggled, views_, &ResultViews::showBand);

    auto* toolbar = addToolBar(tr("Workbench"));
    toolbar->setObjectName("workbench");
    toolbar->addAction(logAxis);
    toolbar->addAction(bandAction_);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Seed: "), toolbar));
    seed_ = new QComboBox(toolbar);
    seed_->setToolTip(tr("The seed whose split the plots and the slider show; the metrics table covers all seeds"));
    toolbar->addWidget(seed_);
    connect(seed_, &QComboBox::activated, this, [this](int index) {
        if (result().runs && result().complete)
            jobs_->reevaluate(result(), training_->policy(), std::size_t(index));
    });
}

} // namespace routescope
