"""The input pipeline alone against the training step (``tools/benchmark.py input``).

Writes the same digits (``--dataset``: an IDX folder such as MNIST, else generated digits) as every source
``keras_gans.data.load`` reads: IDX, npz, a PNG folder, a JPEG folder and a prepared TFDS copy (``data_dir``,
no download). For every image preset's input (its resolution, channels, resize and batch), each source is
read through the library's pipeline (parallel decoding, prefetching; folders streamed and cached) and
timed in images/s; every preset's training step is timed on synthetic data and counted in images it
consumes per second (batch x D steps). The table prints the pipeline's images/s and its ratio to the step.

``--stream-files N`` writes N PNGs of ``--stream-size`` px RGB (more decoded bytes than the cache would
take) and streams one pass of them uncached, printing images/s and the process's peak memory against the
decoded size: the folder streams whatever its size."""

import gzip
import os
import statistics
import struct
import time

import numpy as np
import tensorflow as tf

FORMATS = ("idx", "npz", "png", "jpeg", "tfds")


def memory_mb(field="VmRSS"):
    """This process's resident memory now (VmRSS) or at its peak (VmHWM), in MB."""
    with open("/proc/self/status") as f:
        line = next(ln for ln in f if ln.startswith(field))
    return int(line.split()[1]) / 1024


def digits(dataset, n, seed=0):
    """(uint8 [n, 28, 28, 1], int64 labels): the dataset's first n, or blurred random blobs with labels."""
    if dataset:
        from keras_gans.data.loader import load_arrays

        x, y, _ = load_arrays(dataset, "train")
        return x[:n], y[:n].astype(np.int64)
    rng = np.random.default_rng(seed)
    x = tf.nn.avg_pool2d(rng.uniform(0, 1, (n, 28, 28, 1)).astype(np.float32), 5, 1, "SAME").numpy()
    return (255 * (x > 0.55)).astype(np.uint8), rng.integers(0, 10, n).astype(np.int64)


def _write_idx(path, array):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


def write_folder(folder, x, y, encode):
    """x as image files under folder/<label>/, encoded and written in parallel by tf.data."""
    for label in np.unique(y):
        os.makedirs(os.path.join(folder, str(label)), exist_ok=True)
    ext = "png" if encode is tf.io.encode_png else "jpg"
    names = [os.path.join(folder, str(label), f"{i:07d}.{ext}") for i, label in enumerate(y)]
    def write(img, name):
        with tf.control_dependencies([tf.io.write_file(name, encode(img))]):
            return tf.constant(0)

    ds = tf.data.Dataset.from_tensor_slices((x, names)).map(write, num_parallel_calls=tf.data.AUTOTUNE)
    for _ in ds:
        pass


def write_sources(x, y, work):
    """{format: (source, load keyword arguments)}: the digits as each source, written once into ``work``."""
    import tensorflow_datasets as tfds

    sources = {}
    idx = os.path.join(work, "idx")
    if not os.path.exists(os.path.join(idx, "train-labels-idx1-ubyte.gz")):
        os.makedirs(idx, exist_ok=True)
        _write_idx(os.path.join(idx, "train-images-idx3-ubyte.gz"), x[..., 0])
        _write_idx(os.path.join(idx, "train-labels-idx1-ubyte.gz"), y)
    sources["idx"] = (idx, {})
    npz = os.path.join(work, "digits.npz")
    if not os.path.exists(npz):
        np.savez(npz, x=x, y=y)
    sources["npz"] = (npz, {})
    for fmt, encode in (("png", tf.io.encode_png), ("jpeg", tf.io.encode_jpeg)):
        folder = os.path.join(work, fmt)
        if not os.path.exists(os.path.join(folder, "done")):
            write_folder(folder, x, y, encode)
            open(os.path.join(folder, "done"), "w").close()
        sources[fmt] = (folder, {})
    tfds_dir = os.path.join(work, "tfds")
    if not os.path.exists(os.path.join(tfds_dir, "mnist")):  # a prepared copy under the registered name
        features = tfds.features.FeaturesDict({"image": tfds.features.Image(shape=(28, 28, 1)),
                                                "label": tfds.features.ClassLabel(num_classes=10)})
        tfds.dataset_builders.store_as_tfds_dataset(
            name="mnist", version="3.0.1", features=features, data_dir=tfds_dir,
            split_datasets={"train": tf.data.Dataset.from_tensor_slices({"image": x, "label": y})})
    sources["tfds"] = ("mnist", {"data_dir": tfds_dir, "download": False})
    return sources


def images_per_s(ds, batch, seconds, skip_images=0):
    """Images/s of iterating ``ds`` for about ``seconds`` after ``skip_images`` (warm-up, filling a cache)."""
    it = iter(ds)
    for _ in range(max(2, -(-skip_images // batch))):
        next(it)
    start = time.perf_counter()
    while time.perf_counter() - start < 1.0:  # the reader threads started, the files' first reads done
        next(it)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        next(it)
        n += batch
    return n / (time.perf_counter() - start)


def input_configs(presets):
    """{(resolution, channels, resize, batch): [presets]} of the image presets."""
    import keras_gans

    configs = {}
    for name in presets:
        p = keras_gans.zoo.resolve(name)
        if "resolution" in p:
            key = (p["resolution"], p["channels"], p["dataset"].get("resize", "bilinear"), p["batch_size"])
            configs.setdefault(key, []).append(name)
    return configs


def step_rates(presets, warmup, steps):
    """{preset: images the training step consumes per second} (batch x D steps / median step time)."""
    import keras_gans
    from step_timing import step_times

    rates = {}
    for name in presets:
        preset = keras_gans.zoo.resolve(name)
        gan, ms = step_times(preset, warmup, steps)
        rates[name] = preset["batch_size"] * gan.d_steps / statistics.median(ms) * 1000
        print(f"  step {name}: {statistics.median(ms):.1f} ms, {rates[name]:.0f} images/s consumed", flush=True)
    return rates


def input_bench(args):
    import keras_gans

    os.makedirs(args.work, exist_ok=True)
    if args.stream_files:  # first, while the process holds nothing else
        stream(args)
        if args.stream_only:
            return
    presets = [p for p in (args.presets.split(",") if args.presets != "all" else keras_gans.zoo.list_presets())]
    configs = input_configs(presets)
    print(f"input pipeline vs training step, {len(os.sched_getaffinity(0))} core(s); sources in {args.work}", flush=True)
    x, y = digits(args.dataset, args.n)
    sources = write_sources(x, y, args.work)
    rates = step_rates([p for ps in configs.values() for p in ps], args.warmup, args.steps)
    rows = []
    for (res, channels, resize, batch), names in configs.items():
        fastest = max(rates[p] for p in names)
        for fmt in args.formats.split(","):
            source, kwargs = sources[fmt]
            for cache in ((False, True) if fmt in ("png", "jpeg") else (False,)):
                ds = keras_gans.data.load(source, batch_size=batch, image_size=res, channels=channels, resize=resize,
                                          seed=0, repeat=True, **({"cache": cache} if fmt in ("png", "jpeg") else {}), **kwargs)
                rate = images_per_s(ds, batch, args.seconds, skip_images=len(x) if cache else 0)
                rows.append((f"{res}px x{channels} {resize}", fmt + (" cached" if cache else ""), rate, fastest, names))
                print(f"  {rows[-1][0]} {rows[-1][1]}: {rate:.0f} images/s", flush=True)
    print(f"\n| input ({len(x)} images) | source | pipeline images/s | fastest step's images/s | ratio | presets |")
    print("|---|---|---|---|---|---|")
    for config, source, rate, step, names in rows:
        print(f"| {config} | {source} | {rate:,.0f} | {step:,.0f} | {rate / step:.1f}x | {', '.join(names)} |")


def stream(args):
    """One uncached pass over ``--stream-files`` PNGs: images/s and peak memory vs their decoded size."""
    import keras_gans

    size, n = args.stream_size, args.stream_files
    folder = os.path.join(args.work, f"stream_{n}_{size}px")
    if not os.path.exists(os.path.join(folder, "done")):
        print(f"writing {n} PNGs of {size}x{size}x3 into {folder} ...", flush=True)
        x, y = digits(args.dataset, min(n, 60000))
        for start in range(0, n, len(x)):  # the digits again, tinted per round, until n files
            k = min(len(x), n - start)
            tint = np.array([(start // len(x) * 37 + c * 91) % 256 for c in range(3)], np.float32) / 255
            rgb = tf.cast(tf.image.resize(tf.image.grayscale_to_rgb(tf.constant(x[:k])), (size, size)) * (0.5 + 0.5 * tint),
                          tf.uint8).numpy()
            write_folder(folder, rgb, y[:k] + 10 * (start // len(x)), tf.io.encode_png)
        open(os.path.join(folder, "done"), "w").close()
    decoded_mb = n * size * size * 3 / 2**20
    before = memory_mb()
    ds = keras_gans.data.load(folder, batch_size=64, image_size=size, channels=3, seed=0, cache=False)
    seen, start, marks = 0, time.perf_counter(), []
    for batch in ds:
        seen += int(batch[0].shape[0])
        if len(marks) < 10 and seen >= (len(marks) + 1) * n // 10:
            marks.append(memory_mb())
    seconds = time.perf_counter() - start
    print(f"streamed {seen} of {n} PNGs ({size}x{size}x3, {decoded_mb:,.0f} MB decoded) in {seconds:.0f} s: "
          f"{seen / seconds:,.0f} images/s; resident memory {before:,.0f} MB before the pass, "
          f"{', '.join(f'{m:,.0f}' for m in marks)} MB after each tenth, peak {memory_mb('VmHWM'):,.0f} MB\n", flush=True)


def add_parser(sub):
    p = sub.add_parser("input", help="the input pipeline alone (IDX, npz, PNG, JPEG, TFDS) vs every preset's step")
    p.add_argument("--dataset", help="an IDX folder of digits (e.g. MNIST); default: generated digits")
    p.add_argument("--n", type=int, default=60000, help="images per source")
    p.add_argument("--presets", default="all")
    p.add_argument("--formats", default=",".join(FORMATS))
    p.add_argument("--seconds", type=float, default=4.0, help="timed seconds per measurement")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--work", default=os.path.join("runs", "input"))
    p.add_argument("--stream-files", type=int, default=0, help="also stream a folder of this many PNGs")
    p.add_argument("--stream-size", type=int, default=64)
    p.add_argument("--stream-only", action="store_true", help="only the streamed pass")
    p.set_defaults(fn=input_bench)
