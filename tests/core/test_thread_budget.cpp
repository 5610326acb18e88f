// The free cores work may use (util/thread_budget.h): read from /proc/stat's CPU time counters
// over a short look, busy cores rounded to whole ones, at least one; ROUTESCOPE_THREADS overrides.

#include "util/thread_budget.h"

#include <QTest>

#include <thread>

using namespace routescope;

namespace {

CpuTicks ticks(unsigned long long idle, unsigned long long total)
{
    CpuTicks t;
    t.idle = idle;
    t.total = total;
    return t;
}

} // namespace

class TestThreadBudget : public QObject {
    Q_OBJECT

private slots:
    void parsesTheCpuLine()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice: guest is counted in user.
        const auto t = parseCpuTicks("cpu  6798219 2100098 586726 3981598 10722 0 2875 6171 500 7");
        QVERIFY(t.has_value());
        QCOMPARE(t->idle, 3981598ULL + 10722ULL);
        QCOMPARE(t->total, 6798219ULL + 2100098ULL + 586726ULL + 3981598ULL + 10722ULL + 0ULL + 2875ULL + 6171ULL);
        // Old kernels give fewer fields; a line of one core or another file is no reading.
        QCOMPARE(parseCpuTicks("cpu 10 0 5 85")->idle, 85ULL);
        QVERIFY(!parseCpuTicks("cpu0 3401863 1051222 300178 1979837 6303 0 645 3072 0 0"));
        QVERIFY(!parseCpuTicks("cpu 1 2"));
        QVERIFY(!parseCpuTicks("intr 12345"));
    }

    void busyCoresAreRoundedToWholeOnes()
    {
        const CpuTicks start = ticks(1000, 5000);
        // 2 cores over 100 ticks of all cores together.
        QCOMPARE(freeCoresBetween(2, start, ticks(1100, 5100)), 2); // all idle
        QCOMPARE(freeCoresBetween(2, start, ticks(1050, 5100)), 1); // one core busy
        QCOMPARE(freeCoresBetween(2, start, ticks(1080, 5100)), 2); // 0.4 cores busy
        QCOMPARE(freeCoresBetween(2, start, ticks(1000, 5100)), 1); // both busy: still one
        QCOMPARE(freeCoresBetween(16, start, ticks(1025, 5100)), 4); // 12 of 16 busy
        // Counters that did not move (or went back) say nothing: every core.
        QCOMPARE(freeCoresBetween(8, start, start), 8);
        QCOMPARE(freeCoresBetween(8, start, ticks(900, 5100)), 8);
    }

    void theEnvironmentOverridesAndTheMachineIsAskedOtherwise()
    {
        const QByteArray saved = qgetenv("ROUTESCOPE_THREADS");
        qputenv("ROUTESCOPE_THREADS", "3");
        QCOMPARE(freeCores(), 3);
        qputenv("ROUTESCOPE_THREADS", "none");
        const int measured = freeCores();
        QVERIFY(measured >= 1 && measured <= int(std::max(1u, std::thread::hardware_concurrency())));
        if (saved.isNull())
            qunsetenv("ROUTESCOPE_THREADS");
        else
            qputenv("ROUTESCOPE_THREADS", saved);
    }
};

QTEST_GUILESS_MAIN(TestThreadBudget)
#include "test_thread_budget.moc"
