"""Kill soak: a run killed with SIGKILL N times, resumed after each kill, must end bit-identical to the
same run made in one go.

  python tools/soak.py --preset gaussian_ring --kills 20 --steps 400 --checkpoint-every 20 --out runs/soak

Each kill is aimed at one of three moments, in turn: a checkpoint being written (the checkpoint folder is
polled for TensorFlow's ``*_temp*`` staging folder or a new file), the start of a resume (a random delay
within the first seconds of the process), or a random moment. After the last kill the run is resumed to
the end. Every variable of both final checkpoints is compared bit for bit (also for each chain of kills
that a run finished before the next kill, after which a new chain starts); the exit code is 0 only when
all are identical. Prints one line per kill and a summary.
"""

import argparse
import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import numpy as np

from keras_gans.runs import checkpoint_steps

AIMS = ("checkpoint", "resume-start", "random")


def cli(*argv):
    return [sys.executable, "-m", "keras_gans.cli", *argv]


def train_args(args, out):
    sets = [a for kv in args.set for a in ("--set", kv)]
    return ["train", args.preset, "--out", out, "--steps", str(args.steps), "--checkpoint-every",
            str(args.checkpoint_every), "--sample-every", "0", *sets]


def start(args, out):
    resume = os.path.exists(os.path.join(out, "config.json"))
    argv = train_args(args, out) + (["--resume"] if resume else []) + (["--restart"] if resume and not checkpoint_steps(out) else [])
    return subprocess.Popen(cli(*argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def files(folder):
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


def wait_for_checkpoint_write(proc, folder, timeout):
    """Returns when a checkpoint write is seen under way (or has just happened), or the process ended."""
    before = files(folder)
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        now = files(folder)
        if any("_temp" in f for f in now) or (now - before):
            return True
        time.sleep(0.0005)
    return False


def kill_once(args, out, aim, rng):
    """One process started (or resumed) and killed at ``aim``; False if it finished before the kill."""
    proc = start(args, out)
    ckpt = os.path.join(out, "checkpoints")
    if aim == "resume-start":
        time.sleep(rng.uniform(0.5, args.startup_seconds))
    elif aim == "checkpoint":
        time.sleep(args.startup_seconds)  # past the import, into training
        wait_for_checkpoint_write(proc, ckpt, timeout=120)
    else:
        time.sleep(rng.uniform(args.startup_seconds, args.startup_seconds + args.run_seconds))
    if proc.poll() is not None:
        return False
    mid_write = any("_temp" in f for f in files(ckpt))
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return "mid-write" if mid_write else True


def final_variables(out):
    import tensorflow as tf

    reader = tf.train.load_checkpoint(os.path.join(out, "checkpoints"))
    # save_counter counts saves, not training state: a kill between the last two saves of a finished run (the
    # last epoch's and fit's end) leaves one save fewer with the same weights
    names = sorted(n for n in reader.get_variable_to_shape_map() if "OBJECT_GRAPH" not in n and not n.startswith("save_counter"))
    return {n: np.asarray(reader.get_tensor(n)) for n in names}


def compare(reference, killed):
    a, b = final_variables(reference), final_variables(killed)
    if set(a) != set(b):
        return False, f"different variables: {sorted(set(a) ^ set(b))[:5]}"
    differ = [n for n in a if a[n].shape != b[n].shape or not np.array_equal(a[n], b[n])]
    return not differ, f"{len(a)} variables, {len(differ)} differ" + (f" (e.g. {differ[0]})" if differ else "")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--preset", default="gaussian_ring")
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--checkpoint-every", type=int, default=20)
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--out", default=os.path.join("runs", "soak"))
    p.add_argument("--seed", type=int, default=0, help="seed of the kill times")
    p.add_argument("--startup-seconds", type=float, default=6.0, help="about how long a process takes to start training")
    p.add_argument("--run-seconds", type=float, default=5.0, help="window of the random kills after the start")
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    shutil.rmtree(args.out, ignore_errors=True)
    reference, killed = os.path.join(args.out, "reference"), os.path.join(args.out, "killed")
    t0 = time.time()
    subprocess.run(cli(*train_args(args, reference)), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"reference: {args.steps} steps in one go ({time.time() - t0:.0f} s)", flush=True)
    done, counts, chains = 0, {a: 0 for a in AIMS}, []
    counts["mid-write"] = 0
    while done < args.kills:
        aim = AIMS[done % len(AIMS)]
        result = kill_once(args, killed, aim, rng)
        if result is False:  # the run ended before the kill: check this chain of kills, then start a new one
            same, detail = compare(reference, killed)
            chains.append(same)
            print(f"kill {done + 1}: the run finished before the kill; its chain of kills ends "
                  f"{'bit-identical' if same else 'DIFFERENT'} ({detail}); starting a new chain", flush=True)
            shutil.rmtree(killed, ignore_errors=True)
            continue
        done += 1
        counts[aim] += 1
        counts["mid-write"] += result == "mid-write"
        step = (checkpoint_steps(killed) or [0])[-1]
        print(f"kill {done}: aimed at {aim}{' (a checkpoint write under way)' if result == 'mid-write' else ''}; "
              f"last checkpoint step {step}", flush=True)
    restart = [] if checkpoint_steps(killed) else ["--restart"]  # every kill came before the first checkpoint
    subprocess.run(cli(*train_args(args, killed), "--resume", *restart), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    same, detail = compare(reference, killed)
    chains.append(same)
    leftovers = glob.glob(os.path.join(killed, "checkpoints", "*_temp*"))
    print(f"soak: {done} kills ({counts['checkpoint']} at checkpoint writes, {counts['mid-write']} of them with a write under "
          f"way; {counts['resume-start']} at the start of a resume; {counts['random']} random); final weights "
          f"{'bit-identical' if same else 'DIFFER'}: {detail}; chains of kills bit-identical: {sum(chains)}/{len(chains)}; "
          f"temporary folders left: {len(leftovers)}")
    return 0 if all(chains) and not leftovers else 1


if __name__ == "__main__":
    sys.exit(main())
