"""``keras-gans plot RUN`` and ``keras-gans doctor RUN``: a run's training-health page, and what its curves say
went wrong."""

import json
import os
import sys

from keras_gans.cli.parser import check_output_dir

EXIT_PROBLEM = 1  # doctor: a problem found (0 healthy, 2 bad input)


def _check_run(run_dir):
    if not os.path.isdir(run_dir):
        raise FileNotFoundError(2, "no such run directory", run_dir)


def cmd_plot(args):
    from keras_gans.health import plot_health

    _check_run(args.run_dir)
    out = args.out or os.path.join(args.run_dir, "health.png")
    check_output_dir(os.path.dirname(os.path.abspath(out)), "--out")
    print(f"wrote {plot_health(args.run_dir, out)}")
    return 0


def cmd_doctor(args):
    from keras_gans.health import diagnose_run, report

    _check_run(args.run_dir)
    findings, curves = diagnose_run(args.run_dir)
    if args.json:
        json.dump({"run": args.run_dir, "rows": len(curves),
                   "steps": [int(curves.steps[0]), int(curves.steps[-1])] if len(curves) else [],
                   "healthy": not findings, "findings": [f.as_dict() for f in findings]}, sys.stdout, indent=2)
        print()
    else:
        print(report(args.run_dir, findings, curves))
    return EXIT_PROBLEM if findings else 0


def write_health_page(run_dir):
    """``RUN/health.png`` at the end of a ``train`` (a note instead when the run has no row to show)."""
    from keras_gans.health import plot_health

    try:
        return plot_health(run_dir)
    except (FileNotFoundError, ValueError) as e:
        print(f"note: no health.png: {e}", file=sys.stderr)
        return None
