#pragma once
// Progress of long CLI work as one self-overwriting line on a terminal's stderr; silent when
// stderr is not a terminal (scripts and CI logs stay clean).

#include "util/job_control.h"

namespace routescope::cli {

JobControl terminalProgress();
// Clears the progress line, if one was drawn.
void endTerminalProgress();

} // namespace routescope::cli
