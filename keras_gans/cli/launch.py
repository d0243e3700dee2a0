"""``keras-gans launch --workers N -- train PRESET ...``: N local worker processes of one multi-worker run.

Each worker is a ``keras-gans train ... --strategy multi_worker`` process with its own ``TF_CONFIG`` (the
cluster on 127.0.0.1 ports, its task index), the way a real cluster is described to
``tf.distribute.MultiWorkerMirroredStrategy``: try a multi-worker run on one machine before a cluster.
Worker 0 is the chief: it writes the run directory and its output is shown; the others write to temporary
directories and their output goes to ``--log-dir`` (a temporary folder by default). When a worker exits
with an error, the launcher stops the others (their collectives would wait for it forever) and says how to
continue from the last checkpoint."""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from keras_gans.cli.preemption import EXIT_PREEMPTED


MAX_WORKERS_PER_CORE = 4  # local workers beyond this many per core are refused


def free_ports(n):
    """``n`` TCP ports on 127.0.0.1 that were free a moment ago."""
    sockets = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def tf_config(cluster, index):
    return json.dumps({"cluster": {"worker": cluster}, "task": {"type": "worker", "index": index}})


def _tee(stream, log, terminal):
    for line in iter(stream.readline, ""):
        log.write(line)
        log.flush()
        terminal.write(line)
        terminal.flush()


def _command(argv):
    command = list(argv[1:] if argv and argv[0] == "--" else argv)
    if not command or command[0] != "train":
        raise ValueError("launch runs the train command on every worker: keras-gans launch --workers 2 -- train PRESET "
                         "[train options]")
    if "--strategy" not in command:
        command += ["--strategy", "multi_worker"]
    elif command[command.index("--strategy") + 1] != "multi_worker":
        raise ValueError("launch starts a multi-worker run; leave --strategy out (it adds --strategy multi_worker).")
    return command


def _wait_or_kill(processes, seconds):
    """Wait up to ``seconds`` for all ``processes`` together; kill those still running then."""
    deadline = time.time() + seconds
    for p in processes:
        try:
            p.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _stop(processes):
    for p in processes:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    _wait_or_kill(processes, 10)


def _preempted(processes, command, grace=300):
    """A SIGTERM reached the workers (through the launcher, or one of them directly): each saves at the step
    they agree on and exits EXIT_PREEMPTED; they are given ``grace`` seconds, then stopped."""
    _wait_or_kill(processes, grace)
    codes = [p.returncode for p in processes]
    resume = " ".join(["keras-gans", "launch", "--workers", str(len(processes)), "--", *command, "--resume"])
    print(f"stopped by SIGTERM (a pre-emption); worker exit codes {codes}. Continue with: {resume}", file=sys.stderr)
    return EXIT_PREEMPTED


def cmd_launch(args):
    command = _command(args.train_command)
    cores = os.cpu_count() or 1
    if args.workers < 1:
        raise ValueError(f"--workers must be >= 1, got {args.workers}.")
    if args.workers > MAX_WORKERS_PER_CORE * cores:
        raise ValueError(f"--workers {args.workers} on {cores} cores: each worker is a TensorFlow process with a copy of "
                         f"the model (hundreds of MB), so more than {MAX_WORKERS_PER_CORE * cores} would thrash this "
                         "machine. A real cluster lists its hosts in TF_CONFIG (docs/distribution.md).")
    if args.workers > cores:
        print(f"warning: {args.workers} workers on {cores} cores: they share the cores, so each step is slower than with "
              f"{cores} worker(s); use this to try a multi-worker run, not to speed one up.", file=sys.stderr)
    cluster = [f"127.0.0.1:{port}" for port in free_ports(args.workers)]
    log_dir = args.log_dir or tempfile.mkdtemp(prefix="keras_gans_launch_")
    os.makedirs(log_dir, exist_ok=True)
    print(f"launching {args.workers} workers on {', '.join(cluster)}; worker logs in {log_dir}", file=sys.stderr)
    processes, threads, logs = [], [], []
    for i in range(args.workers):
        env = {**os.environ, "TF_CONFIG": tf_config(cluster, i)}
        log = open(os.path.join(log_dir, f"worker-{i}.log"), "w")
        logs.append(log)
        if i == 0:  # the chief: shown as it runs, and logged
            p = subprocess.Popen([sys.executable, "-m", "keras_gans.cli", *command], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, bufsize=1)
            threads.append(threading.Thread(target=_tee, args=(p.stdout, log, sys.stdout), daemon=True))
            threads[-1].start()
        else:
            p = subprocess.Popen([sys.executable, "-m", "keras_gans.cli", *command], env=env, stdout=log,
                                 stderr=subprocess.STDOUT)
        processes.append(p)
    with open(os.path.join(log_dir, "launch.log"), "w") as f:  # which process is which, for whoever needs to act on one
        f.write("".join(f"worker {i}: pid {p.pid}\n" for i, p in enumerate(processes)))
    preempted = []
    previous = signal.signal(signal.SIGTERM, lambda *_: preempted.append(True))  # the launcher itself pre-empted
    try:
        forwarded = False
        while True:
            codes = [p.poll() for p in processes]
            if preempted and not forwarded:  # as a cluster manager does: every worker gets the SIGTERM
                forwarded = True
                for p in processes:
                    if p.poll() is None:
                        p.send_signal(signal.SIGTERM)
            if EXIT_PREEMPTED in codes or forwarded:  # the workers save one checkpoint at the same step, then leave
                return _preempted(processes, command)
            failed = [(i, c) for i, c in enumerate(codes) if c not in (None, 0)]
            if failed:
                i, code = failed[0]
                _stop(processes)
                print(f"error: worker {i} exited with code {code} (its log: {os.path.join(log_dir, f'worker-{i}.log')}); "
                      f"the other workers were stopped. The run keeps its last checkpoint: add --resume to the same "
                      f"command to continue from it.", file=sys.stderr)
                return code if code > 0 else 1
            if all(c == 0 for c in codes):
                return 0
            time.sleep(0.2)
    except KeyboardInterrupt:
        _stop(processes)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        for t in threads:
            t.join(timeout=5)
        for log in logs:
            log.close()
