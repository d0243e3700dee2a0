"""No import circles: the modules of keras_gans, and the benchmark tools, form a graph without cycles; and
no source file outgrows 400 lines.

Every ``import`` and ``from ... import`` counts, those inside functions too (a lazy import hides a circle,
it does not remove it). ``from package import name`` is an edge to ``package.name`` when that is a module,
else to the package's ``__init__``."""

import ast
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _modules(folder, prefix):
    """{module name: file} of every .py under ``folder``."""
    out = {}
    for base, _, files in os.walk(os.path.join(ROOT, folder)):
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(base, f), os.path.join(ROOT, folder))[:-3].split(os.sep)
                if rel[-1] == "__init__":
                    rel = rel[:-1]
                out[".".join([prefix] + rel if prefix else rel)] = os.path.join(base, f)
    return out


def _graph(modules):
    graph = {}
    for name, path in modules.items():
        edges = set()
        package = name if path.endswith("__init__.py") else name.rsplit(".", 1)[0] if "." in name else ""
        for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            edges |= {t for t in targets if t in modules and t != name}
        graph[name] = edges
    return graph


def _cycles(graph):
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_planted_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_circle():
    assert _cycles(_graph(_modules("keras_gans", "keras_gans"))) == []


def test_the_tools_have_no_import_circle():
    assert _cycles(_graph(_modules("tools", ""))) == []


def test_no_source_file_is_over_400_lines():
    sources = {**_modules("keras_gans", "keras_gans"), **_modules("tools", ""), **_modules("tests", "tests")}
    long = {name: n for name, path in sources.items() if (n := sum(1 for _ in open(path, encoding="utf-8"))) > 400}
    assert not long, f"split these along their seams: {long}"
