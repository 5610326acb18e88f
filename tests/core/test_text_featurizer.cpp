#include "features/text_featurizer.h"
#include "util/random.h"

#include <QTest>

#include <string>
#include <vector>

using namespace routescope;

namespace {

// Sentences from three topic vocabularies; document i is about topic i % 3.
std::vector<std::string> topicCorpus(std::size_t count, std::uint64_t seed)
{
    const std::vector<std::vector<std::string>> topics = {
        {"oven", "flour", "butter", "bake", "recipe", "sugar", "dough", "knead", "yeast", "whisk", "simmer", "garlic"},
        {"galaxy", "telescope", "orbit", "planet", "nebula", "comet", "stellar", "gravity", "redshift", "quasar",
         "asteroid", "eclipse"},
        {"interest", "bond", "equity", "dividend", "inflation", "portfolio", "hedge", "yield", "credit", "liquidity",
         "asset", "market"}};
    const std::vector<std::string> common = {"the", "a", "of", "and", "is", "what", "which", "explain", "why"};
    Random random(seed);
    std::vector<std::string> texts(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& topic = topics[i % 3];
        for (int w = 0; w < 25; ++w) {
            const auto& pool = (random.below(3) == 0) ? common : topic;
            texts[i] += random.pick(pool) + (w % 8 == 7 ? ". " : " ");
        }
    }
    return texts;
}

TextFeaturizerSettings smallSettings()
{
    TextFeaturizerSettings s;
    s.dimensions = 32;
    s.hashBits = 14;
    s.maxColumns = 4096;
    s.seed = 11;
    return s;
}

FeatureMatrix fitTransform(const TextFeaturizerSettings& s, const std::vector<std::string>& train,
                           const std::vector<std::string>& texts)
{
    TextFeaturizer f(s);
    f.fit(train, JobControl{});
    return f.transform(texts);
}

} // namespace

class TestTextFeaturizer : public QObject {
    Q_OBJECT

private slots:
    void sameSeedGivesIdenticalFeatures()
    {
        const auto train = topicCorpus(150, 1);
        const FeatureMatrix a = fitTransform(smallSettings(), train, train);
        const FeatureMatrix b = fitTransform(smallSettings(), train, train);
        QCOMPARE(a.rows(), 150);
        QCOMPARE(a.cols(), 32);
        QVERIFY(a == b);

        auto other = smallSettings();
        other.seed = 12;
        QVERIFY(!(fitTransform(other, train, train) == a));
    }

    void rowsHaveUnitNorm()
    {
        const auto train = topicCorpus(90, 2);
        const FeatureMatrix x = fitTransform(smallSettings(), train, topicCorpus(30, 3));
        for (Eigen::Index r = 0; r < x.rows(); ++r)
            QVERIFY(std::abs(x.row(r).norm() - 1.0f) < 1e-5f);
    }

    void emptyTextGivesZeroRow()
    {
        const FeatureMatrix x = fitTransform(smallSettings(), topicCorpus(60, 2), {"", "?! ..."});
        QCOMPARE(x.rows(), 2);
        QVERIFY(x.isZero(0.0f));
    }

    void trainingWithoutWordsIsRejected()
    {
        TextFeaturizer f(smallSettings());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.fit({"", "--- ?"}, JobControl{}));
        QVERIFY(!f.fitted());
    }

    void similarTextsAreCloserThanDissimilar()
    {
        const auto train = topicCorpus(150, 4);
        const FeatureMatrix x =
            fitTransform(smallSettings(), train,
                         {"how long should the dough rest before it goes in the oven with butter and sugar",
                          "the dough should rest, then bake it in a hot oven; butter and sugar first",
                          "a telescope shows the comet near the planet orbit during the eclipse"});
        const float near = x.row(0).dot(x.row(1));
        const float far = x.row(0).dot(x.row(2));
        QVERIFY2(near > far + 0.2f, qPrintable(QString("near %1, far %2").arg(near).arg(far)));

        // Over the held-out corpus: same-topic pairs are on average more similar than cross-topic pairs.
        const FeatureMatrix held = fitTransform(smallSettings(), train, topicCorpus(60, 5));
        double same = 0.0, cross = 0.0;
        int sameCount = 0, crossCount = 0;
        for (Eigen::Index i = 0; i < held.rows(); ++i)
            for (Eigen::Index j = i + 1; j < held.rows(); ++j) {
                const double s = held.row(i).dot(held.row(j));
                if (i % 3 == j % 3) {
                    same += s;
                    ++sameCount;
                } else {
                    cross += s;
                    ++crossCount;
                }
            }
        QVERIFY(same / sameCount > cross / crossCount + 0.3);
    }

    void onlyTrainingTextsShapeTheFeatures()
    {
        const auto train = topicCorpus(120, 6);
        const auto test = topicCorpus(12, 7);
        // A text's features do not depend on the batch it is transformed with.
        TextFeaturizer f(smallSettings());
        f.fit(train, JobControl{});
        const FeatureMatrix alone = f.transform({test[0]});
        const FeatureMatrix batch = f.transform(test);
        QVERIFY(alone.row(0) == batch.row(0));
        // Fitting on other texts (here train plus test) changes idf and projection.
        auto both = train;
        both.insert(both.end(), test.begin(), test.end());
        QVERIFY(!(fitTransform(smallSettings(), both, test) == batch));
    }

    void fewDocumentsLimitTheDimensions()
    {
        TextFeaturizer f(smallSettings());
        f.fit(topicCorpus(10, 8), JobControl{});
        QCOMPARE(f.dimensions(), 10);
        QCOMPARE(f.transform({"oven galaxy bond"}).cols(), 10);
    }

    void saveLoadRoundTripGivesIdenticalTransform()
    {
        const auto train = topicCorpus(100, 9);
        const auto test = topicCorpus(20, 10);
        TextFeaturizer f(smallSettings());
        f.fit(train, JobControl{});
        BinaryWriter out;
        f.save(out);
        TextFeaturizer g;
        BinaryReader in(out.bytes().data(), out.bytes().size());
        g.load(in);
        QVERIFY(in.atEnd());
        QCOMPARE(g.settings().key(), f.settings().key());
        QVERIFY(g.transform(test) == f.transform(test));

        TextFeaturizer h;
        BinaryReader truncated(out.bytes().data(), out.bytes().size() / 2);
        QVERIFY_THROWS_EXCEPTION(FormatError, h.load(truncated));
    }

    void keyNamesEverySetting()
    {
        const auto base = smallSettings();
        QCOMPARE(base.key(), smallSettings().key());
        auto changed = base;
        changed.maxColumns = 2048;
        QVERIFY(changed.key() != base.key());
        changed = base;
        changed.seed = 99;
        QVERIFY(changed.key() != base.key());
    }

    void cancelThrows()
    {
        std::atomic<bool> cancel{true};
        JobControl job;
        job.cancel = &cancel;
        TextFeaturizer f(smallSettings());
        QVERIFY_THROWS_EXCEPTION(Cancelled, f.fit(topicCorpus(30, 1), job));
        QVERIFY(!f.fitted());
    }
};

QTEST_GUILESS_MAIN(TestTextFeaturizer)
#include "test_text_featurizer.moc"
