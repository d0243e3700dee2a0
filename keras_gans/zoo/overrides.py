"""Overrides of a preset: dotted keys (``optimizers.d.learning_rate``) or nested dicts; an unknown top-level
key is an error that lists the valid ones."""

import ast
import copy
import difflib
import json



def flatten(preset, prefix=""):
    out = {}
    for key, value in preset.items():
        path = f"{prefix}{key}"
        out[path] = value
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
    return out


def parse_value(text):
    """A CLI value: JSON or a Python literal where it parses (numbers, lists, true/false), else a string."""
    for parse in (json.loads, ast.literal_eval):
        try:
            return parse(text)
        except (ValueError, SyntaxError):
            pass
    if text[:1] in "[{":
        try:
            json.loads(text)
        except ValueError as e:
            raise ValueError(f"{text!r} is not valid JSON ({e}); lists look like [64,64], dicts like "
                             "{\"name\":\"adam\",\"learning_rate\":2e-4}.") from None
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    return text


def parse_assignments(items):
    """``["a.b=1", "loss=hinge"]`` -> ``{"a.b": 1, "loss": "hinge"}``."""
    out = {}
    for item in items or ():
        if "=" not in item:
            raise ValueError(f"--set expects KEY=VALUE with no spaces around '=' (e.g. --set resolution=64), got {item!r}.")
        key, value = item.split("=", 1)
        try:
            out[key.strip()] = parse_value(value.strip())
        except ValueError as e:
            raise ValueError(f"--set {item}: {e}") from None
    return out


def _is_open(path):
    """The top level of a preset is closed (its keys are the preset's own); a key inside a section is a
    parameter of what that section configures (a network, a model, a component, an optimizer, the data),
    which checks it against its signature when it is built and lists the valid ones."""
    return "." in path


def _set(preset, path, value, valid):
    keys = path.split(".")
    node = preset
    for key in keys[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    leaf = keys[-1]
    if isinstance(node.get(leaf), dict) and isinstance(value, dict):
        if "name" in value and value["name"] != node[leaf].get("name", value["name"]):
            node[leaf] = dict(value)  # another named object (optimizer, loss): its own parameters only
            return
        for k, v in value.items():
            _set(preset, f"{path}.{k}", v, valid)
        return
    if isinstance(node.get(leaf), dict) and isinstance(value, str) and "name" in node[leaf]:
        node[leaf] = {"name": value}  # loss=hinge: a new named object with its defaults
        return
    if path not in valid and not _is_open(path):
        close = difflib.get_close_matches(path, valid, n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(
            f"Unknown override {path!r}.{hint} Valid keys: {', '.join(sorted(valid))} "
            f"(parameters may also be added inside any section, e.g. model.d_steps)."
        )
    _check_kind(path, node.get(leaf), value)
    node[leaf] = value


def _check_kind(path, old, new):
    """A number of the preset stays a number: ``learning_rate=1e-4x`` is refused here, not later as a type
    error of the optimizer."""
    number = (int, float)
    if "." not in path or not isinstance(new, str) or not isinstance(old, number) or isinstance(old, bool):
        return  # the preset's own keys are checked by name where they are read
    try:
        float(new)
    except ValueError:
        raise ValueError(f"{path}={new!r}: the preset's value is a number ({old!r}) and {new!r} is not one "
                         "(e.g. 2e-4, 64, 0.5).")


def apply_overrides(preset, overrides):
    preset = copy.deepcopy(preset)
    valid = list(flatten(preset))
    for path, value in overrides.items():
        _set(preset, path, value, valid)
    return preset
