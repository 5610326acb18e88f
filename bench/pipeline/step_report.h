#pragma once
// What each pipeline step reports as JSON, in the fields the Python reference uses: seconds (the
// median), every run, peak RSS of the process (getrusage), RSS before the timed work, load.

#include "util/json_writer.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace routescope::bench {

double residentMb();     // VmRSS now
double peakResidentMb(); // ru_maxrss of this process
double loadAverage1();

double median(std::vector<double> values);

// Seconds of fn, steady clock.
double timeSeconds(const std::function<void()>& fn);

// Opens the step's object: "step", "runs", "seconds", "baseline_mb", "peak_mb", "load_average_1min";
// the caller adds its own keys and closes it with json.endObject().
void beginStepJson(JsonWriter& json, const std::string& step, const std::vector<double>& runs, double baselineMb);

void writeTextFile(const std::string& path, const std::string& text);

} // namespace routescope::bench
