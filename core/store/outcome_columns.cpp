#include "store/outcome_columns.h"

#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace routescope::outcome_columns {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

struct ColumnBuilder {
    std::vector<double>* values; // owned, created on the first row
    bool any;
};

void columnStep(sqlite3_context* context, int, sqlite3_value** args)
{
    auto* builder = static_cast<ColumnBuilder*>(sqlite3_aggregate_context(context, sizeof(ColumnBuilder)));
    if (!builder)
        return sqlite3_result_error_nomem(context);
    if (!builder->values)
        builder->values = new std::vector<double>();
    if (sqlite3_value_type(args[0]) == SQLITE_NULL)
        return; // a model of a dataset without queries
    const sqlite3_int64 position = sqlite3_value_int64(args[0]);
    if (position < 0 || position > (sqlite3_int64(1) << 32))
        return sqlite3_result_error(context, "query position out of range", -1);
    auto& values = *builder->values;
    if (values.size() <= std::size_t(position))
        values.resize(std::size_t(position) + 1, kMissing);
    const int type = sqlite3_value_numeric_type(args[1]);
    if (type == SQLITE_NULL)
        return;
    builder->any = true;
    values[std::size_t(position)] =
        type == SQLITE_INTEGER || type == SQLITE_FLOAT ? sqlite3_value_double(args[1]) : std::numeric_limits<double>::infinity();
}

void columnFinal(sqlite3_context* context)
{
    auto* builder = static_cast<ColumnBuilder*>(sqlite3_aggregate_context(context, 0));
    if (!builder || !builder->values)
        return sqlite3_result_null(context);
    if (builder->any) {
        const std::string blob = encode(*builder->values);
        sqlite3_result_blob64(context, blob.data(), blob.size(), SQLITE_TRANSIENT);
    } else {
        sqlite3_result_null(context);
    }
    delete builder->values;
    builder->values = nullptr;
}

} // namespace

std::string encode(const std::vector<double>& values)
{
    bool any = false;
    for (const double v : values)
        any = any || !std::isnan(v);
    if (!any)
        return {};
    std::string blob(values.size() * sizeof(double), '\0');
    std::memcpy(blob.data(), values.data(), blob.size());
    return blob;
}

std::optional<std::vector<double>> decode(const void* data, std::size_t bytes, std::size_t queries)
{
    if (!data || bytes == 0)
        return std::vector<double>(queries, kMissing);
    if (bytes != queries * sizeof(double))
        return std::nullopt;
    std::vector<double> values(queries);
    std::memcpy(values.data(), data, bytes);
    return values;
}

void registerFunctions(sqlite::Database& db)
{
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function_v2(db.handle(), "routescope_outcome_column", 2, flags, nullptr, nullptr, columnStep,
                                   columnFinal, nullptr) != SQLITE_OK)
        throw sqlite::Error(std::string("cannot register RouteScope's SQL functions: ") + sqlite3_errmsg(db.handle()),
                            sqlite3_errcode(db.handle()));
}

} // namespace routescope::outcome_columns
