#include "features/feature_cache.h"

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace routescope {
namespace {

std::int64_t completeQueries(ProjectStore& store, std::int64_t datasetId)
{
    auto count = store.database().prepare("SELECT COUNT(*) FROM queries WHERE dataset_id = ? AND complete");
    count.bind(1, datasetId);
    count.step();
    return count.int64(0);
}

std::optional<std::int64_t> findFeaturizer(ProjectStore& store, const FeaturizerFit& fit)
{
    auto find = store.database().prepare(
        "SELECT id FROM featurizers WHERE dataset_id = ? AND settings = ? AND training_rows = ?");
    find.bind(1, fit.datasetId).bind(2, fit.settings.key()).bind(3, fit.rowsKey());
    if (!find.step())
        return std::nullopt;
    return find.int64(0);
}

} // namespace

std::string FeaturizerFit::rowsKey() const
{
    // FNV-1a over the row numbers, little-endian bytes.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const Eigen::Index row : rows) {
        auto value = static_cast<std::uint64_t>(row);
        for (int byte = 0; byte < 8; ++byte, value >>= 8) {
            hash ^= value & 0xff;
            hash *= 0x100000001b3ULL;
        }
    }
    char digest[17];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(hash));
    return "n=" + std::to_string(rows.size()) + " fnv1a=" + digest;
}

std::optional<CachedFeatures> loadCachedFeatures(ProjectStore& store, const FeaturizerFit& fit,
                                                 const std::vector<std::int64_t>& datasetIds)
{
    const auto id = findFeaturizer(store, fit);
    if (!id)
        return std::nullopt;
    CachedFeatures cached;
    {
        auto state = store.database().prepare("SELECT state FROM featurizers WHERE id = ?");
        state.bind(1, *id);
        if (!state.step())
            return std::nullopt;
        try {
            BinaryReader in(state.blob(0), static_cast<std::size_t>(state.blobBytes(0)));
            cached.featurizer.load(in);
        } catch (const std::exception&) {
            return std::nullopt; // damaged: fitted again, not trusted
        }
        if (!cached.featurizer.fitted() || cached.featurizer.settings().key() != fit.settings.key())
            return std::nullopt;
    }
    auto read = store.database().prepare(
        "SELECT rows, cols, data FROM feature_sets WHERE featurizer_id = ? AND dataset_id = ?");
    for (const std::int64_t datasetId : datasetIds) {
        read.bind(1, *id).bind(2, datasetId);
        if (!read.step())
            return std::nullopt;
        const auto rows = read.int64(0);
        const auto cols = read.int64(1);
        if (rows != completeQueries(store, datasetId) || cols != cached.featurizer.dimensions() ||
            read.blobBytes(2) != static_cast<std::int64_t>(rows * cols * std::int64_t(sizeof(float))))
            return std::nullopt;
        FeatureMatrix features(rows, cols);
        if (features.size())
            std::memcpy(features.data(), read.blob(2), sizeof(float) * static_cast<std::size_t>(features.size()));
        cached.features.push_back(std::move(features));
        read.reset();
    }
    return cached;
}

void storeCachedFeatures(ProjectStore& store, const FeaturizerFit& fit, const CachedFeatures& cached,
                         const std::vector<std::int64_t>& datasetIds)
{
    if (store.readOnly())
        throw std::logic_error("features cannot be cached in a project opened read-only");
    if (cached.features.size() != datasetIds.size())
        throw std::invalid_argument("one feature matrix per dataset is needed");
    BinaryWriter state;
    cached.featurizer.save(state);
    auto& db = store.database();
    sqlite::Transaction transaction(db);
    if (const auto old = findFeaturizer(store, fit)) {
        auto remove = db.prepare("DELETE FROM featurizers WHERE id = ?");
        remove.bind(1, *old).run();
    }
    auto insert = db.prepare("INSERT INTO featurizers (dataset_id, settings, training_rows, state) VALUES (?, ?, ?, ?)");
    insert.bind(1, fit.datasetId).bind(2, fit.settings.key()).bind(3, fit.rowsKey());
    insert.bindBlob(4, state.bytes().data(), state.bytes().size());
    insert.run();
    const auto id = db.lastInsertId();
    auto put = db.prepare("INSERT INTO feature_sets (featurizer_id, dataset_id, rows, cols, data) VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < datasetIds.size(); ++i) {
        const FeatureMatrix& features = cached.features[i];
        put.bind(1, id)
            .bind(2, datasetIds[i])
            .bind(3, static_cast<std::int64_t>(features.rows()))
            .bind(4, static_cast<std::int64_t>(features.cols()))
            .bindBlob(5, features.data(), sizeof(float) * static_cast<std::size_t>(features.size()));
        put.run();
    }
    transaction.commit();
}

FeatureCacheSize featureCacheSize(ProjectStore& store)
{
    auto size = store.database().prepare(
        "SELECT (SELECT COUNT(*) FROM featurizers),"
        " (SELECT IFNULL(SUM(length(state)), 0) FROM featurizers) + (SELECT IFNULL(SUM(length(data)), 0) FROM feature_sets)");
    size.step();
    return {size.int64(0), size.int64(1)};
}

void clearFeatureCache(ProjectStore& store)
{
    if (store.readOnly())
        throw std::logic_error("the feature cache of a project opened read-only cannot be cleared");
    {
        sqlite::Transaction transaction(store.database());
        store.database().exec("DELETE FROM featurizers"); // their feature sets go with them
        transaction.commit();
    }
    store.database().exec("VACUUM");
}

} // namespace routescope
