#pragma once
// What every format importer works with: the input, the options, the open dataset writer,
// the warnings it collects, and progress reporting with cancel checks.

#include "import/importer.h"
#include "import/text_input.h"
#include "store/dataset_writer.h"
#include "util/job_control.h"

#include <cstdint>
#include <string>
#include <vector>

namespace routescope {

// "12,000 rows": thousands separated for messages.
std::string formatCount(std::int64_t count);

// Reports progress once per chunk or per 1,000 rows, whichever comes first, and checks the
// cancel flag on every row.
class ImportProgress {
public:
    ImportProgress(const JobControl& job, const TextInput& input) : job_(job), input_(input) {}

    void row()
    {
        ++rows_;
        job_.throwIfCancelled();
        if (rows_ % 1000 == 0 || input_.chunksLoaded() != reportedChunks_)
            report();
    }
    void report()
    {
        reportedChunks_ = input_.chunksLoaded();
        const auto size = input_.fileSize();
        // A pipe has no size: rows counted, no fraction.
        const double fraction = size > 0 ? static_cast<double>(input_.bytesRead()) / static_cast<double>(size) : 0.0;
        job_.report(fraction > 1.0 ? 1.0 : fraction, formatCount(rows_) + (rows_ == 1 ? " row" : " rows"));
    }
    std::int64_t rows() const { return rows_; }

private:
    const JobControl& job_;
    const TextInput& input_;
    std::int64_t rows_ = 0;
    std::int64_t reportedChunks_ = 0;
};

struct ImportSession {
    TextInput& input;
    const ImportOptions& options;
    DatasetWriter& writer;
    ImportProgress& progress;
    std::vector<std::string>& warnings;
};

void importRouterBenchWide(ImportSession& session);
void importScoresJson(ImportSession& session);
void importLongCsv(ImportSession& session);
void importLongJsonl(ImportSession& session);

// The format of an input from its extension and first chunk (nothing is consumed, so a pipe is
// read once); throws ImportError for an empty file.
DatasetFormat detectFormat(TextInput& input);

} // namespace routescope
