// Splits: deterministic for a seed, disjoint and complete, stratified by task.

#include "data/split.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace routescope;

namespace {

// 3 tasks of 50, 20 and 7 queries, interleaved.
std::vector<std::string> sampleTasks()
{
    std::vector<std::string> tasks;
    for (int i = 0; i < 50; ++i) {
        tasks.push_back("arc");
        if (i < 20)
            tasks.push_back("gsm8k");
        if (i < 7)
            tasks.push_back("mbpp");
    }
    return tasks;
}

std::map<std::string, int> countByTask(const std::vector<std::string>& tasks, const std::vector<Eigen::Index>& rows)
{
    std::map<std::string, int> counts;
    for (const Eigen::Index row : rows)
        ++counts[tasks[static_cast<std::size_t>(row)]];
    return counts;
}

// Every row exactly once over the three parts, each part sorted.
bool partitionsAllRows(const DataSplit& split, std::size_t rows)
{
    std::vector<Eigen::Index> all;
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        if (!std::is_sorted(part->begin(), part->end()))
            return false;
        all.insert(all.end(), part->begin(), part->end());
    }
    std::sort(all.begin(), all.end());
    if (all.size() != rows)
        return false;
    for (std::size_t i = 0; i < rows; ++i)
        if (all[i] != static_cast<Eigen::Index>(i))
            return false;
    return true;
}

} // namespace

class TestSplit : public QObject {
    Q_OBJECT

private slots:
    void inDomainIsStratified_data()
    {
        QTest::addColumn<double>("trainFraction");
        QTest::addColumn<double>("validationFraction");
        // Per task (50, 20, 7): train+validation = round(f * n), validation = round(v * that).
        QTest::addColumn<QList<int>>("trainPlusValidation");
        QTest::addColumn<QList<int>>("validation");
        QTest::newRow("RouterBench 70/30") << 0.7 << 0.1 << QList<int>{35, 14, 5} << QList<int>{4, 1, 1};
        QTest::newRow("paper 20/80") << 0.2 << 0.15 << QList<int>{10, 4, 1} << QList<int>{2, 1, 0};
        QTest::newRow("no validation") << 0.7 << 0.0 << QList<int>{35, 14, 5} << QList<int>{0, 0, 0};
    }
    void inDomainIsStratified()
    {
        QFETCH(double, trainFraction);
        QFETCH(double, validationFraction);
        QFETCH(QList<int>, trainPlusValidation);
        QFETCH(QList<int>, validation);
        const auto tasks = sampleTasks();
        const DataSplit split = splitInDomain(tasks, {trainFraction, validationFraction, 42});
        QVERIFY(partitionsAllRows(split, tasks.size()));
        auto train = countByTask(tasks, split.train);
        auto held = countByTask(tasks, split.validation);
        auto test = countByTask(tasks, split.test);
        const std::vector<std::string> names{"arc", "gsm8k", "mbpp"};
        const int sizes[] = {50, 20, 7};
        for (std::size_t t = 0; t < names.size(); ++t) {
            QCOMPARE(train[names[t]] + held[names[t]], trainPlusValidation[static_cast<qsizetype>(t)]);
            QCOMPARE(held[names[t]], validation[static_cast<qsizetype>(t)]);
            QCOMPARE(test[names[t]], sizes[t] - trainPlusValidation[static_cast<qsizetype>(t)]);
        }
    }

    void sameSeedSameSplit()
    {
        const auto tasks = sampleTasks();
        const DataSplit a = splitInDomain(tasks, {0.7, 0.1, 7});
        const DataSplit b = splitInDomain(tasks, {0.7, 0.1, 7});
        QCOMPARE(a.train, b.train);
        QCOMPARE(a.validation, b.validation);
        QCOMPARE(a.test, b.test);
        const DataSplit c = splitInDomain(tasks, {0.7, 0.1, 8});
        QVERIFY(a.test != c.test);
        // Pinned: the shuffle is util/random.h's, so this holds on every standard library.
        const DataSplit small = splitInDomain(std::vector<std::string>(10, "t"), {0.5, 0.0, 1});
        QCOMPARE(small.train, (std::vector<Eigen::Index>{1, 3, 4, 7, 9}));
    }

    void outOfDomainHoldsOutOneTask()
    {
        const auto tasks = sampleTasks();
        const DataSplit split = splitOutOfDomain(tasks, "gsm8k", 0.1, 3);
        QVERIFY(partitionsAllRows(split, tasks.size()));
        QCOMPARE(split.test.size(), std::size_t(20));
        for (const Eigen::Index row : split.test)
            QCOMPARE(tasks[static_cast<std::size_t>(row)], std::string("gsm8k"));
        const auto held = countByTask(tasks, split.validation);
        QCOMPARE(held.at("arc"), 5);
        QCOMPARE(held.at("mbpp"), 1);
        QVERIFY(!held.count("gsm8k"));
        QCOMPARE(countByTask(tasks, split.train).count("gsm8k"), std::size_t(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, splitOutOfDomain(tasks, "nope", 0.1, 3));
    }

    void badFractionsAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, splitInDomain({"a"}, {1.5, 0.1, 0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, splitInDomain({"a"}, {0.5, -0.1, 0}));
    }

    void tasksInOrderOfAppearance()
    {
        QCOMPARE(distinctTasks(sampleTasks()), (std::vector<std::string>{"arc", "gsm8k", "mbpp"}));
    }
};

QTEST_GUILESS_MAIN(TestSplit)
#include "test_split.moc"
