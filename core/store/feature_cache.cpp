#include "store/feature_cache.h"

#include <cstring>
#include <vector>

namespace routescope {

std::optional<Eigen::MatrixXf> loadCachedFeatures(ProjectStore& store, const FeatureKey& key)
{
    auto find = store.database().prepare(
        "SELECT rows, cols, data FROM feature_sets WHERE dataset_id = ? AND featurizer = ? AND settings = ?");
    find.bind(1, key.datasetId).bind(2, key.featurizer).bind(3, key.settings);
    if (!find.step())
        return std::nullopt;
    const auto rows = find.int64(0);
    const auto cols = find.int64(1);
    if (rows < 0 || cols < 0 || find.blobBytes(2) != static_cast<std::int64_t>(rows * cols * sizeof(float)))
        return std::nullopt; // a damaged cache entry is recomputed, not trusted
    Eigen::MatrixXf features(rows, cols);
    if (features.size())
        std::memcpy(features.data(), find.blob(2), static_cast<std::size_t>(find.blobBytes(2)));
    return features;
}

void storeCachedFeatures(ProjectStore& store, const FeatureKey& key, const Eigen::MatrixXf& features)
{
    sqlite::Transaction transaction(store.database());
    auto put = store.database().prepare(
        "INSERT OR REPLACE INTO feature_sets (dataset_id, featurizer, settings, rows, cols, data)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    put.bind(1, key.datasetId)
        .bind(2, key.featurizer)
        .bind(3, key.settings)
        .bind(4, static_cast<std::int64_t>(features.rows()))
        .bind(5, static_cast<std::int64_t>(features.cols()))
        .bindBlob(6, features.data(), sizeof(float) * static_cast<std::size_t>(features.size()));
    put.run();
    transaction.commit();
}

std::optional<Eigen::MatrixXf> loadEmbeddings(ProjectStore& store, std::int64_t datasetId)
{
    auto read = store.database().prepare(
        "SELECT e.vector FROM queries q LEFT JOIN query_embeddings e ON e.query_id = q.id"
        " WHERE q.dataset_id = ? AND q.complete ORDER BY q.position");
    read.bind(1, datasetId);
    std::vector<std::vector<float>> rows;
    while (read.step()) {
        if (read.isNull(0))
            return std::nullopt; // embeddings are all or nothing
        std::vector<float> row(static_cast<std::size_t>(read.blobBytes(0)) / sizeof(float));
        std::memcpy(row.data(), read.blob(0), row.size() * sizeof(float));
        if (!rows.empty() && row.size() != rows.front().size())
            return std::nullopt;
        rows.push_back(std::move(row));
    }
    if (rows.empty() || rows.front().empty())
        return std::nullopt;
    Eigen::MatrixXf out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
    for (Eigen::Index i = 0; i < out.rows(); ++i)
        out.row(i) = Eigen::Map<const Eigen::RowVectorXf>(rows[static_cast<std::size_t>(i)].data(), out.cols());
    return out;
}

} // namespace routescope
