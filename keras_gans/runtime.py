"""Per-device defaults for speed options: XLA and mixed precision.

Both are options of every preset (``jit_compile`` and ``precision``), and ``"auto"`` resolves to what
measured fastest (see tools/benchmark.py speed):
- CPU: a plain ``tf.function`` graph (oneDNN) beats XLA; bfloat16 only pays where the CPU has native
  bf16 arithmetic (AVX512-BF16 or AMX), otherwise float32.
- GPU (compute capability >= 8) and TPU: XLA and mixed_bfloat16.
"""

import functools

import tensorflow as tf

PRECISIONS = ("auto", "float32", "mixed_bfloat16")


@functools.lru_cache(maxsize=None)
def cpu_has_native_bf16():
    try:
        with open("/proc/cpuinfo") as f:
            flags = f.read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def _accelerator():
    if tf.config.list_logical_devices("TPU"):
        return "tpu"
    for gpu in tf.config.list_physical_devices("GPU"):
        cc = tf.config.experimental.get_device_details(gpu).get("compute_capability", (0, 0))
        return "gpu_bf16" if cc >= (8, 0) else "gpu"
    return "cpu"


def resolve_jit_compile(value="auto"):
    if value != "auto":
        return bool(value)
    return _accelerator() != "cpu"


def resolve_precision(value="auto"):
    if value not in PRECISIONS:
        raise ValueError(f"Unknown precision {value!r}; choose one of {', '.join(PRECISIONS)}.")
    if value != "auto":
        return value
    device = _accelerator()
    if device in ("tpu", "gpu_bf16") or (device == "cpu" and cpu_has_native_bf16()):
        return "mixed_bfloat16"
    return "float32"
