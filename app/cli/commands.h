#pragma once
// One function per routescope-cli command; each returns the process exit code.

namespace routescope::cli {

int runImport(int argc, char** argv);
int runGenerate(int argc, char** argv);
int runInfo(int argc, char** argv);
int runCheck(int argc, char** argv);
int runUpgrade(int argc, char** argv);
int runClearCache(int argc, char** argv);
int runCompare(int argc, char** argv);
int runPlot(int argc, char** argv);
int runEvaluate(int argc, char** argv);

} // namespace routescope::cli
