"""Per-device defaults for speed options: XLA and mixed precision.

Both are options of every preset (``jit_compile`` and ``precision``), and ``"auto"`` resolves to what
measured fastest (tools/benchmark.py speed; figures in zoo/RESULTS.md):
- CPU with AVX-512 (measured on an AVX512-BF16 machine): a plain ``tf.function`` graph (oneDNN) beats
  XLA (XLA 1.4x slower on a 64x64 DCGAN step), and mixed_bfloat16 is 1.4x faster than float32.
- CPU with AVX2 only (measured on the 2-core CI machine): XLA is 1.3-1.9x faster on the zoo's presets
  (all 4x4 kernels), and bfloat16, emulated, is 9x slower: float32. (Exception measured: a critic with
  5x5 kernels under the gradient penalty is 3x slower with XLA; set ``jit_compile=False`` for it.)
- GPU (compute capability >= 8) and TPU: XLA and mixed_bfloat16 (not measured here: no accelerator).
- GPU of compute capability 7.x (V100, T4: float16 tensor cores, no bfloat16): XLA and mixed_float16,
  which trains with one dynamic loss-scale optimizer per player (``keras_gans.zoo.builder``).
"""

import functools
import warnings

import tensorflow as tf

from keras_gans.checks import PRECISIONS


@functools.lru_cache(maxsize=None)
def _cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            return set(f.read().split())
    except OSError:
        return set()


def cpu_has_native_bf16():
    return bool(_cpu_flags() & {"avx512_bf16", "amx_bf16"})


def cpu_has_avx512():
    return "avx512f" in _cpu_flags()


def _accelerator():
    if tf.config.list_logical_devices("TPU"):
        return "tpu"
    for gpu in tf.config.list_physical_devices("GPU"):
        cc = tf.config.experimental.get_device_details(gpu).get("compute_capability", (0, 0))
        return "gpu_bf16" if cc >= (8, 0) else "gpu_fp16" if cc >= (7, 0) else "gpu"
    return "cpu"


def resolve_jit_compile(value="auto"):
    if value != "auto":
        return bool(value)
    return _accelerator() != "cpu" or not cpu_has_avx512()


def resolve_precision(value="auto"):
    if value not in PRECISIONS:
        raise ValueError(f"Unknown precision {value!r}; choose one of {', '.join(PRECISIONS)}.")
    if value == "mixed_float16" and _accelerator() == "cpu":
        warnings.warn("precision='mixed_float16' on a CPU: float16 is emulated there (slow) and its loss scaling "
                      "buys nothing; precision='auto' picks mixed_bfloat16 or float32 for this machine.", stacklevel=2)
    if value != "auto":
        return value
    device = _accelerator()
    if device in ("tpu", "gpu_bf16") or (device == "cpu" and cpu_has_native_bf16()):
        return "mixed_bfloat16"
    return "mixed_float16" if device == "gpu_fp16" else "float32"
