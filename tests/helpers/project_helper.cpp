// A second RouteScope process for the crash-safety and two-process tests:
//   project-helper hold PROJECT        open PROJECT for writing, print "open PID", wait for stdin to close
//   project-helper save-loop PROJECT   import a synthetic dataset, train once, then save the experiment
//                                      as run-1, run-2, ... printing "saving N" and "saved N" around each
//                                      save, until killed (or 10,000 saves)

#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "import/importer.h"
#include "store/project_store.h"
#include "synthetic/routing_benchmark_generator.h"

#include <unistd.h>

#include <exception>
#include <fstream>
#include <iostream>
#include <string>

using namespace routescope;

namespace {

int hold(const std::string& project)
{
    ProjectStore store(project);
    std::cout << "open " << ::getpid() << std::endl;
    std::string ignored;
    while (std::getline(std::cin, ignored)) {
    }
    return 0;
}

int saveLoop(const std::string& project)
{
    ProjectStore store(project);
    const std::string csv = project + ".synthetic.csv";
    {
        std::ofstream out(csv);
        SyntheticBenchmarkOptions options;
        options.seed = 11;
        options.queries = 800;
        options.responses = SyntheticBenchmarkOptions::Responses::None;
        writeSyntheticRouterBench(out, options);
    }
    const auto report = importDataset(store, csv, {});
    const auto data = store.loadOutcomes(report.datasetId);
    ExperimentSpec spec;
    for (const char* router : {"knn", "ridge", "mlp:epochs=3", "random"})
        spec.routers.push_back(parseRouterSpec(router));
    spec.seeds = {0, 1, 2};
    spec.featurizer.dimensions = 256;
    const auto runs = runExperiment({&data}, {}, spec);
    std::cout << "trained" << std::endl;
    for (int i = 1; i <= 10000; ++i) {
        std::cout << "saving " << i << std::endl;
        saveExperiment(store, "run-" + std::to_string(i), report.datasetId, std::nullopt, spec, runs);
        std::cout << "saved " << i << std::endl;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const std::string command = argc == 3 ? argv[1] : "";
        if (command == "hold")
            return hold(argv[2]);
        if (command == "save-loop")
            return saveLoop(argv[2]);
        std::cerr << "usage: project-helper hold|save-loop PROJECT\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "project-helper: " << e.what() << "\n";
        return 1;
    }
}
