// The featurizer's parts on their own: hashed n-gram counts, sparse rows and their products,
// and the randomised SVD against an exact one.

#include "features/hashed_ngrams.h"
#include "features/randomized_svd.h"
#include "features/sparse_rows.h"
#include "util/random.h"

#include <Eigen/SVD>
#include <QTest>

#include <algorithm>
#include <map>

using namespace routescope;

namespace {

std::map<std::uint32_t, std::uint32_t> countsOf(const std::string& text, int bits = 16)
{
    HashedNgramCounter counter(bits);
    counter.count(text);
    std::map<std::uint32_t, std::uint32_t> counts;
    for (const std::uint32_t bucket : counter.touched())
        counts[bucket] = counter.countOf(bucket);
    return counts;
}

std::uint32_t total(const std::map<std::uint32_t, std::uint32_t>& counts)
{
    std::uint32_t sum = 0;
    for (const auto& [bucket, count] : counts)
        sum += count;
    return sum;
}

SparseRows sparseFromDense(const Eigen::MatrixXf& dense)
{
    SparseRows rows;
    for (Eigen::Index r = 0; r < dense.rows(); ++r) {
        std::vector<std::int32_t> columns;
        std::vector<float> weights;
        for (Eigen::Index c = 0; c < dense.cols(); ++c)
            if (dense(r, c) != 0.0f) {
                columns.push_back(static_cast<std::int32_t>(c));
                weights.push_back(dense(r, c));
            }
        rows.appendRow(columns, weights);
    }
    return rows;
}

Eigen::MatrixXf denseFromSparse(const SparseRows& rows, Eigen::Index columns)
{
    Eigen::MatrixXf dense = Eigen::MatrixXf::Zero(rows.rows(), columns);
    for (Eigen::Index r = 0; r < rows.rows(); ++r)
        for (std::size_t k = rows.offsets[r]; k < rows.offsets[r + 1]; ++k)
            dense(r, rows.columns[k]) += rows.weights[k];
    return dense;
}

} // namespace

class TestFeatureParts : public QObject {
    Q_OBJECT

private slots:
    void ngramCountsFollowTheDefinition()
    {
        // "ab": unigram 1, character grams of " ab " (4 bytes): 3-grams " ab", "ab ", 4-gram " ab " = 3.
        QCOMPARE(total(countsOf("ab")), std::uint32_t(4));
        // "ab ab": two unigrams (one bucket, count 2), one bigram, character grams twice.
        const auto twice = countsOf("ab ab");
        QCOMPARE(total(twice), std::uint32_t(2 * 4 + 1));
        // Letter case and separators do not matter; the words do.
        QCOMPARE(countsOf("Ab, AB!"), countsOf("ab ab"));
        QVERIFY(countsOf("ab cd") != countsOf("cd ab")); // the bigram differs
        QVERIFY(countsOf("").empty());
        QVERIFY(countsOf("  ,;  ").empty());
    }

    void counterIsReusableAcrossDocuments()
    {
        HashedNgramCounter counter(12);
        counter.count("a long first document with many words");
        counter.count("ab");
        std::uint32_t sum = 0;
        for (const std::uint32_t bucket : counter.touched())
            sum += counter.countOf(bucket);
        QCOMPARE(sum, std::uint32_t(4));
    }

    void sparseProductsMatchDenseOnes()
    {
        Random random(3);
        Eigen::MatrixXf dense(7, 5);
        for (Eigen::Index i = 0; i < dense.size(); ++i)
            dense(i) = random.bernoulli(0.4) ? static_cast<float>(random.uniform(-1, 1)) : 0.0f;
        dense.col(4).setZero(); // a trailing empty column must survive the transpose
        const SparseRows a = sparseFromDense(dense);
        const SparseRows at = transposed(a, dense.cols());
        QCOMPARE(at.rows(), Eigen::Index(5));
        QVERIFY(denseFromSparse(at, dense.rows()).isApprox(dense.transpose()));
        Eigen::MatrixXf xt(3, 5);
        for (Eigen::Index i = 0; i < xt.size(); ++i)
            xt(i) = static_cast<float>(random.normal());
        const Eigen::MatrixXf product = multiplyTransposed(a, xt, {});
        QVERIFY(product.isApprox((dense * xt.transpose()).transpose(), 1e-5f));
    }

    void randomizedSvdRecoversALowRankMatrix()
    {
        // A rank-3 matrix: with oversampling the range finder captures it exactly, so the
        // projection's rows are its right singular vectors, up to sign.
        Random random(9);
        Eigen::MatrixXf left(40, 3), right(3, 25);
        for (Eigen::Index i = 0; i < left.size(); ++i)
            left(i) = static_cast<float>(random.normal());
        for (Eigen::Index i = 0; i < right.size(); ++i)
            right(i) = static_cast<float>(random.normal());
        const Eigen::MatrixXf dense = left * right;
        const SparseRows a = sparseFromDense(dense);
        const SparseRows at = transposed(a, dense.cols());
        const Eigen::MatrixXf projection = randomizedProjection(a, at, {3, 5, 2, 11}, {}, 0.0, 1.0);
        QCOMPARE(projection.rows(), Eigen::Index(3));
        QCOMPARE(projection.cols(), Eigen::Index(25));

        const Eigen::JacobiSVD<Eigen::MatrixXd> exact(dense.cast<double>(), Eigen::ComputeThinV);
        for (Eigen::Index j = 0; j < 3; ++j) {
            const Eigen::VectorXd expected = exact.matrixV().col(j);
            const Eigen::VectorXd got = projection.row(j).transpose().cast<double>();
            const double sign = got.dot(expected) < 0 ? -1.0 : 1.0;
            QVERIFY2((sign * got - expected).norm() < 1e-3 * expected.norm(),
                     qPrintable(QString("direction %1: error %2 of %3").arg(j).arg((sign * got - expected).norm()).arg(expected.norm())));
        }
        // The directions are orthonormal.
        QVERIFY((projection * projection.transpose()).isApprox(Eigen::MatrixXf::Identity(3, 3), 1e-3f));
    }

    void sampleIndicesAreDistinctSortedAndSeeded()
    {
        const auto a = Random(5).sampleIndices(100, 10);
        QCOMPARE(a.size(), std::size_t(10));
        QVERIFY(std::is_sorted(a.begin(), a.end()));
        QVERIFY(std::adjacent_find(a.begin(), a.end()) == a.end());
        QVERIFY(a.back() < 100);
        QCOMPARE(Random(5).sampleIndices(100, 10), a);
        QVERIFY(Random(6).sampleIndices(100, 10) != a);
        QCOMPARE(Random(5).sampleIndices(4, 10).size(), std::size_t(4));
    }
};

QTEST_GUILESS_MAIN(TestFeatureParts)
#include "test_feature_parts.moc"
