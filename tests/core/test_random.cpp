// The one seeded random source: its output is pinned, because reproducible splits, features,
// networks and synthetic data on every platform rest on it. The pinned values were derived
// independently of this code, from the reference mt19937_64 algorithm (whose 10,000th output
// for the default seed the C++ standard itself fixes) and the draws as util/random.h defines them.

#include "util/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

using namespace routescope;

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void engineIsTheStandardMersenneTwister()
    {
        Random random(5489);
        std::uint64_t value = 0;
        for (int i = 0; i < 10000; ++i)
            value = random.bits();
        QCOMPARE(value, std::uint64_t(9981545732273789042ULL));
        Random seeded(2026);
        QCOMPARE(seeded.bits(), std::uint64_t(5856769961467801901ULL));
        QCOMPARE(seeded.bits(), std::uint64_t(12070761076249971720ULL));
        QCOMPARE(seeded.bits(), std::uint64_t(8939233974677842641ULL));
    }

    void boundedDrawsArePinned()
    {
        Random random(7);
        std::vector<std::uint64_t> draws;
        for (int i = 0; i < 8; ++i)
            draws.push_back(random.below(10));
        QCOMPARE(draws, (std::vector<std::uint64_t>{5, 0, 8, 6, 1, 8, 9, 8}));
    }

    void shuffleIsPinned()
    {
        std::vector<int> items(10);
        std::iota(items.begin(), items.end(), 0);
        Random random(7);
        random.shuffle(items);
        QCOMPARE(items, (std::vector<int>{0, 7, 4, 9, 3, 1, 2, 8, 6, 5}));
    }

    void normalPairIsPinned()
    {
        Random random(3);
        QVERIFY(std::abs(random.normal() - 0.42753378857416335) < 1e-15);
        QVERIFY(std::abs(random.normal() - 1.2056428478710239) < 1e-15);
    }

    void boundedDrawsAreUniform()
    {
        // The counts of a fair draw: catches an off-by-one bound or a stuck value.
        Random random(11);
        std::vector<int> counts(3, 0);
        for (int i = 0; i < 30000; ++i)
            ++counts[random.below(3)];
        for (const int count : counts)
            QVERIFY2(std::abs(count - 10000) < 400, qPrintable(QString::number(count)));
        for (int i = 0; i < 1000; ++i) {
            const int value = random.between(-2, 2);
            QVERIFY(value >= -2 && value <= 2);
        }
    }

    void uniformStaysInItsInterval()
    {
        Random random(5);
        double low = 1, high = 0, sum = 0;
        for (int i = 0; i < 100000; ++i) {
            const double u = random.uniform();
            low = std::min(low, u);
            high = std::max(high, u);
            sum += u;
        }
        QVERIFY(low >= 0.0 && high < 1.0);
        QVERIFY(std::abs(sum / 100000 - 0.5) < 0.01);
    }

    void mixedSeedsDiffer()
    {
        QVERIFY(mixSeed(1) != mixSeed(2));
        QCOMPARE(mixSeed(42), mixSeed(42));
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "test_random.moc"
