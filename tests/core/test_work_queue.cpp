// The work queue of training units (util/work_queue.h): every unit runs once, a unit that starts
// alone gets the whole thread budget, and a unit's exception reaches the caller.

#include "util/work_queue.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace routescope;

class TestWorkQueue : public QObject {
    Q_OBJECT

private slots:
    void aLoneUnitGetsEveryThread()
    {
        int given = 0;
        runUnits(1, 8, [&](std::size_t, int threads) { given = threads; });
        QCOMPARE(given, 8);
    }

    void everyUnitRunsOnceOnOneThreadWhileOthersWait()
    {
        std::mutex mutex;
        std::vector<int> runs(20, 0), threads(20, 0);
        runUnits(20, 3, [&](std::size_t unit, int t) {
            const std::lock_guard lock(mutex);
            ++runs[unit];
            threads[unit] = t;
        });
        for (std::size_t u = 0; u < runs.size(); ++u)
            QCOMPARE(runs[u], 1);
        // The first units start while later ones wait: one thread each.
        QCOMPARE(threads[0], 1);
        QCOMPARE(threads[1], 1);
    }

    void theFirstFailureReachesTheCaller()
    {
        std::atomic<int> ran = 0;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, runUnits(5, 1, [&](std::size_t unit, int) {
            ++ran;
            if (unit == 1)
                throw std::runtime_error("unit 1 failed");
        }));
        QCOMPARE(ran.load(), 2); // one worker: units after the failure are not started
    }
};

QTEST_GUILESS_MAIN(TestWorkQueue)
#include "test_work_queue.moc"
