// The main window as a user drives it: dropping dataset files imports them in the background,
// a bad file shows its error and leaves the project as it was.

#include "main_window.h"
#include "gui_support.h"
#include "test_support.h"

#include "dataset_table.h"
#include "project_session.h"
#include "store/sqlite.h"

#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace routescope;

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    static void drop(QWidget* target, const QStringList& files)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const auto& f : files)
            urls << QUrl::fromLocalFile(f);
        mime.setUrls(urls);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &dropEvent);
    }

    // The error box the window shows for a failed import, if one is open.
    static QMessageBox* openMessageBox(QWidget* window)
    {
        for (auto* box : window->findChildren<QMessageBox*>())
            if (box->isVisible())
                return box;
        return nullptr;
    }

private slots:
    void initTestCase() { test::isolateSettings(); }

    void droppedFileIsImported()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, dir_.filePath("drop.routescope")));
        QSignalSpy finished(&window, &MainWindow::importFinished);
        drop(&window, {QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv")});
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        auto* table = window.findChild<DatasetTable*>();
        QVERIFY(table);
        QCOMPARE(table->topLevelItemCount(), 1);
        QCOMPARE(table->topLevelItem(0)->text(0), QStringLiteral("two_queries_long"));
        QCOMPARE(table->topLevelItem(0)->text(1), QStringLiteral("2"));
        QCOMPARE(table->topLevelItem(0)->childCount(), 2);
    }

    // Files dropped while the feature cache is being cleared are imported once it is cleared.
    void fileDroppedDuringACacheClearIsImportedAfterIt()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, dir_.filePath("clearing.routescope")));
        QSignalSpy cleared(&window, &MainWindow::featureCacheCleared);
        QSignalSpy finished(&window, &MainWindow::importFinished);
        window.project()->clearFeatureCache();
        QVERIFY(window.project()->busy());
        drop(&window, {QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv")});
        QVERIFY(cleared.wait(10000));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(window.project()->datasets().size(), std::size_t(1));
    }

    void badFileShowsErrorAndKeepsProject()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, dir_.filePath("bad.routescope")));
        QSignalSpy finished(&window, &MainWindow::importFinished);
        drop(&window, {QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv")});
        QVERIFY(finished.wait(10000));

        drop(&window, {QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/bad_score_long.csv")});
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        const QString message = finished.last().at(1).toString();
        QVERIFY2(message.contains("bad_score_long.csv:3"), qPrintable(message));
        QMessageBox* box = openMessageBox(&window);
        QVERIFY(box);
        QVERIFY2(box->text().contains("bad_score_long.csv:3"), qPrintable(box->text()));
        QVERIFY(box->text().contains("unchanged"));
        box->accept();
        auto* table = window.findChild<DatasetTable*>();
        QCOMPARE(table->topLevelItemCount(), 1);
        QCOMPARE(table->topLevelItem(0)->text(0), QStringLiteral("two_queries_long"));
    }

    void damagedProjectIsNotOpened()
    {
        // A project whose score another program set to 7.5: the workbench says so and does not open it.
        const QString path = dir_.filePath("edited.routescope");
        {
            MainWindow window;
            QVERIFY(test::openAndWait(window, path));
            QSignalSpy finished(&window, &MainWindow::importFinished);
            drop(&window, {QStringLiteral(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv")});
            QVERIFY(finished.wait(10000));
        }
        sqlite::Database(path.toStdString(), sqlite::Database::Mode::ReadWrite)
            .exec("UPDATE model_outcomes SET scores = CAST(X'0000000000001E40' || substr(scores, 9) AS BLOB)" // 7.5 first
                  " WHERE model_id = (SELECT MIN(model_id) FROM model_outcomes)");
        MainWindow window;
        QVERIFY(!test::openAndWait(window, path));
        QMessageBox* box = openMessageBox(&window);
        QVERIFY(box);
        QVERIFY2(box->text().contains("did not open " + path) && box->text().contains("scores outside [0, 1]") &&
                     box->text().contains("routescope-cli check --db " + path),
                 qPrintable(box->text()));
        box->accept();
        QVERIFY(!window.windowTitle().contains("edited.routescope"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
