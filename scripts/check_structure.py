#!/usr/bin/env python3
"""The codebase's shape, checked: no package module over 400 lines, no import cycle between the package's modules
(imports inside functions count), README.md at most 300 lines, ruff clean. Exit 1 and say why when one fails."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "briefgen"
MAX_MODULE_LINES = 400
MAX_README_LINES = 300


def modules() -> dict[str, Path]:
    """Dotted name → file, for every module of the package ("briefgen.evaluate" for its __init__.py)."""
    found = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports anywhere in its file, at the top or inside a function."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package, up level - 1
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            # `import briefgen.x.y` needs briefgen.x.y; `from briefgen import x` needs x when x is a module
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def ruff() -> tuple[bool, str]:
    command = [str(Path(sys.executable).with_name("ruff")), "check", "--quiet", "."]
    if not Path(command[0]).exists():
        command[0] = "ruff"
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError:
        return False, "ruff is not installed (make install puts it in .venv)"
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def main() -> int:
    failures = []
    found = modules()
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in found.items()}
    longest = max(lengths, key=lengths.get)
    too_long = {n: k for n, k in lengths.items() if k > MAX_MODULE_LINES}
    print(f"modules: {len(found)}, longest {longest} ({lengths[longest]} lines; limit {MAX_MODULE_LINES})")
    failures += [f"{found[n].relative_to(ROOT)}: {k} lines (limit {MAX_MODULE_LINES})" for n, k in too_long.items()]

    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    loops = cycles(graph)
    print(f"imports: {sum(map(len, graph.values()))} between modules, {len(loops)} cycle(s)")
    failures += [f"import cycle: {' ↔ '.join(group)}" for group in loops]

    readme = len((ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    print(f"README.md: {readme} lines (limit {MAX_README_LINES})")
    if readme > MAX_README_LINES:
        failures.append(f"README.md: {readme} lines (limit {MAX_README_LINES}); long explanations go to docs/")

    clean, output = ruff()
    print(f"ruff: {'clean' if clean else 'problems'}")
    if not clean:
        failures.append("ruff:\n" + output)

    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
