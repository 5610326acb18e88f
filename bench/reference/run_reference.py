#!/usr/bin/env python3
"""The Python reference of RouteScope's routing pipeline, timed step by step on this machine:
import (pandas + SQLite), featurize (scikit-learn), train (kNN, MLP, EquiRouter in PyTorch, ...),
sweep (inference, cost-threshold sweep, metrics). Each step runs in a fresh process.

  python3 bench/reference/run_reference.py --csv FILE --out timings.json [--seed 0] [--steps import,featurize,train,sweep]
"""

import os
import sys

SYSTEM_PYTHON = "/usr/bin/python3"

try:
    import numpy  # noqa: F401  (only a probe: the modules come from Debian's packages)
except ImportError:
    # A python3 first on PATH (pyenv, venv) does not see Debian's dist-packages: use the system one.
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    raise SystemExit("numpy is missing: run bench/reference/setup.sh first")

import argparse
import json
import platform
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ALL_STEPS = ["import", "featurize", "train", "sweep"]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", help="RouterBench wide CSV (needed by the import step)")
    parser.add_argument("--out", required=True, help="JSON file for timings and metrics")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", help="comma-separated subset of " + ",".join(ALL_STEPS)
                        + " (default all; without featurize when --features is given)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of import, featurize and sweep (median)")
    parser.add_argument("--features", help="features exported by RouteScope (.npy, one row per query "
                        "in file order) used instead of the featurize step")
    parser.add_argument("--work", default=str(HERE.parent / "out" / "reference"),
                        help="folder for the SQLite file, features and trained routers passed between steps")
    parser.add_argument("--split", help="JSON {\"train\": [rows], \"test\": [rows]} (e.g. from RouteScope's "
                        "bench_pipeline split) used instead of the seeded split, for parity")
    parser.add_argument("--train-size", type=int, default=30000)
    parser.add_argument("--dimensions", type=int, default=384)
    parser.add_argument("--hash-bits", type=int, default=18, help="2^bits hash buckets for words and for chars")
    parser.add_argument("--mlp-epochs", type=int, default=30, help="MLPRegressor max_iter (no early stopping)")
    parser.add_argument("--equirouter-epochs", type=int, default=5)
    parser.add_argument("--tie", choices=["none", "top", "all"], default="top", help="EquiRouter tie ordering")
    parser.add_argument("--budgets", type=int, default=100, help="cost thresholds of the sweep")
    parser.add_argument("--run-step", choices=ALL_STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.steps is None:
        args.steps = [s for s in ALL_STEPS if not (args.features and s == "featurize")]
    else:
        args.steps = [s.strip() for s in args.steps.split(",") if s.strip()]
        unknown = [s for s in args.steps if s not in ALL_STEPS]
        if unknown:
            parser.error(f"unknown steps {unknown}; choose from {ALL_STEPS}")
    if args.features and "featurize" in args.steps:
        parser.error("--features replaces the featurize step: leave featurize out of --steps")
    if "import" in args.steps and not args.csv:
        parser.error("the import step needs --csv")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def step_file(work, name):
    return Path(work) / f"step_{name}.json"


def run_one_step(args):
    """Child process: run one step and leave its result as JSON in the work folder."""
    import steps
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    result = steps.STEPS[args.run_step](args, work)
    step_file(work, args.run_step).write_text(json.dumps(result, indent=1))


def library_versions():
    import numpy as np
    import pandas
    import scipy
    import sklearn
    import torch
    versions = {"python": platform.python_version(), "numpy": np.__version__, "pandas": pandas.__version__,
                "scipy": scipy.__version__, "sklearn": sklearn.__version__, "torch": torch.__version__}
    try:
        from threadpoolctl import threadpool_info
        versions["threadpools"] = [{k: pool.get(k) for k in ("internal_api", "version", "num_threads", "filepath")}
                                   for pool in threadpool_info()]
    except ImportError:
        versions["threadpools"] = "threadpoolctl missing; see numpy.show_config()"
    return versions


def step_environment():
    """The steps' environment. OpenMP threads (torch) that spin while OpenBLAS threads work, on 2
    shared cores, made EquiRouter's training steps 3-10x slower here: let idle threads sleep."""
    env = dict(os.environ)
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return env


def machine_info():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {"host": platform.node(), "system": platform.platform(), "cpu": cpu, "cores": os.cpu_count(),
            "memory_gb": round(memory_kb / 2 ** 20, 1), "load_average_at_start": list(os.getloadavg()),
            "thread_environment": {k: v for k, v in step_environment().items()
                                   if k.startswith(("OMP_", "OPENBLAS_", "MKL_", "GOMP_"))},
            "libraries": library_versions()}


def sanity(router_metrics):
    """The orderings any correct run shows: the oracle bounds everyone, learned routers beat random."""
    failures = []
    auc = {name: m["auc"] for name, m in router_metrics.items()}
    peak = {name: m["peak"] for name, m in router_metrics.items()}
    if any(auc["oracle"] < a for a in auc.values()) or any(peak["oracle"] < p for p in peak.values()):
        failures.append("the oracle is not the best router")
    for name in ("equirouter", "knn"):
        if auc[name] <= auc["random"]:
            failures.append(f"{name} is not above random (AUC {auc[name]:.4f} vs {auc['random']:.4f})")
    return failures


def fmt(value, digits=4):
    return "-" if value is None else f"{value:.{digits}f}"


def print_tables(report):
    print("\n| step | seconds (median) | runs | peak RSS MB | load (1 min) |")
    print("|---|---:|---:|---:|---:|")
    for name, step in report["steps"].items():
        print(f"| {name} | {step['seconds']:.2f} | {len(step['runs'])} | {step['peak_mb']:.0f} | "
              f"{step['load_average_1min']:.2f} |")
    if not report["metrics"]:
        return
    print("\n| router | AUC | peak | QNC | QNC@0.95 | QNC@0.9 | RCI (largest budget) | top model share |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, m in report["metrics"].items():
        print(f"| {name} | {fmt(m['auc'])} | {fmt(m['peak'])} | {fmt(m['qnc'])} | {fmt(m['qnc@0.95'])} | "
              f"{fmt(m['qnc@0.9'])} | {fmt(m['rci_at_largest_budget'])} | "
              f"{fmt(m['top_model_share_at_largest_budget'], 3)} |")


def main(argv):
    args = parse_args(argv)
    if args.run_step:
        run_one_step(args)
        return 0

    report = {"machine": machine_info(), "command": " ".join([Path(sys.executable).name] + sys.argv),
              "settings": {k: v for k, v in vars(args).items() if k != "run_step"}, "steps": {}, "metrics": {}}
    for name in args.steps:
        step_file(args.work, name).unlink(missing_ok=True)
        print(f"step {name} ...", flush=True)
        finished = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv, "--run-step", name],
                                  env=step_environment())
        if finished.returncode != 0:
            print(f"step {name} failed (exit {finished.returncode}); see its message above", file=sys.stderr)
            return 1
        result = json.loads(step_file(args.work, name).read_text())
        report["metrics"] = result.pop("metrics", report["metrics"])
        report["steps"][name] = result
        print(f"step {name}: {result['seconds']:.2f} s (median of {len(result['runs'])}), "
              f"peak RSS {result['peak_mb']:.0f} MB", flush=True)
    report["machine"]["load_average_at_end"] = list(os.getloadavg())
    failures = sanity(report["metrics"]) if report["metrics"] else []
    report["sanity_failures"] = failures

    Path(args.out).write_text(json.dumps(report, indent=1))
    print_tables(report)
    for failure in failures:
        print("SANITY FAILED:", failure)
    print(f"\nwrote {args.out}")
    return 2 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
