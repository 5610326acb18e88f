#include "cli/terminal_progress.h"

#include <iostream>
#include <unistd.h>

namespace routescope::cli {

JobControl terminalProgress()
{
    JobControl job;
    if (isatty(STDERR_FILENO))
        job.progress = [](double fraction, const std::string& message) {
            std::cerr << "\r" << static_cast<int>(fraction * 100) << "% " << message << "\x1b[K" << std::flush;
        };
    return job;
}

void endTerminalProgress()
{
    if (isatty(STDERR_FILENO))
        std::cerr << "\r\x1b[K" << std::flush;
}

} // namespace routescope::cli
