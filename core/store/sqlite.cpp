#include "store/sqlite.h"

#include <sqlite3.h>

namespace routescope::sqlite {

namespace {

// Errors about the file itself (damaged, not a database, disk full, unreadable) name it: a
// message reaching the user must say which file is in trouble.
std::string filePrefix(sqlite3* db, int code)
{
    switch (code & 0xFF) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
        if (const char* file = db ? sqlite3_db_filename(db, "main") : nullptr; file && *file)
            return std::string(file) + ": ";
        break;
    default: break;
    }
    return {};
}

std::string describe(sqlite3* db, int code)
{
    return filePrefix(db, code) + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

[[noreturn]] void fail(sqlite3* db, int code, std::string_view what)
{
    std::string message(what);
    message += ": ";
    message += describe(db, code);
    throw Error(message, code);
}

// "file:" URI of a path, with the characters URIs reserve escaped.
std::string fileUri(const std::string& path)
{
    std::string uri = "file:";
    for (const unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20) {
            static const char* hex = "0123456789ABCDEF";
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri;
}

} // namespace

Database::Database(const std::string& path, Mode mode) : path_(path)
{
    const int flags = mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                              : SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    const std::string name = mode == Mode::ReadWrite   ? path
                             : mode == Mode::Immutable ? fileUri(path) + "?immutable=1"
                                                       : fileUri(path);
    const int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = "cannot open " + path + ": " +
                                    (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(message, rc);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Waits for a short write lock held by another process instead of failing at once.
    sqlite3_busy_timeout(db_, 2000);
}

Database::~Database() { sqlite3_close(db_); }

Database::Database(Database&& other) noexcept : db_(other.db_), path_(std::move(other.path_))
{
    other.db_ = nullptr;
}

void Database::exec(std::string_view sql)
{
    char* err = nullptr;
    const std::string owned(sql);
    const int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        message = filePrefix(db_, rc) + message;
        throw Error(message, rc);
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db)
{
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK)
        fail(db, rc, "cannot prepare statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_)
{
    other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t bytes)
{
    sqlite3_bind_blob64(stmt_, index, data, bytes, SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(stmt_, index);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string message = describe(db_, rc);
    sqlite3_reset(stmt_);
    throw Error(message, rc);
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

bool Statement::isNumber(int column) const
{
    const int type = sqlite3_column_type(stmt_, column);
    return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}

bool Statement::isInteger(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::optional<double> Statement::optionalReal(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return real(column);
}

std::string Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

const void* Statement::blob(int column) const { return sqlite3_column_blob(stmt_, column); }

int Statement::blobBytes(int column) const { return sqlite3_column_bytes(stmt_, column); }

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction()
{
    if (open_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}

void Transaction::commit()
{
    db_.exec("COMMIT");
    open_ = false;
}

} // namespace routescope::sqlite
