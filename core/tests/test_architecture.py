"""The layers of docs/ARCHITECTURE.md, enforced: imports point down, never in a circle.

The import graph is read from the source with Python's ast (nothing is imported), over
every module of the project's apps except tests and migrations. Three rules:

1. An app imports only from apps in lower layers (and from itself). Apps in the same
   layer do not import each other.
2. No module imports another that (directly or through others) imports it back.
3. Every import of a project module sits at the top of its module, except in the
   modules listed in DEFERRED_IMPORTS, each with its reason, and in AppConfig.ready().
"""

import ast
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Lower numbers are lower layers. core holds what is site-wide; people only Person;
# articles the series, articles, blocks, topics and clinical review; then the apps built
# on articles; home assembles the site (setup_site creates the booking page); artcms
# (settings and URLs) sits on top.
LAYERS = {
    "core": 0,
    "people": 1,
    "articles": 2,
    "booking": 3,
    "search": 3,
    "home": 4,
    "artcms": 5,
}

# Modules allowed an import inside a function, and why.
DEFERRED_IMPORTS = {
    # Wagtail imports WAGTAIL_FINISH_WORKFLOW_ACTION while it defines its own models,
    # before any app's models can be imported.
    "articles.review.workflow_actions": "imported by Wagtail before the app registry is ready",
    # modelsearch's SQLite module fails to import when the database is PostgreSQL.
    "search.backends": "the SQLite backend is imported only when the database is SQLite",
}


def project_modules(root, apps):
    """{module name: path} for the apps' modules, tests and migrations left out."""
    modules = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _resolve(name, modules):
    """The project module an imported dotted name refers to, or None if it is not ours."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module, path, modules):
    """(imported module, line number, at top level?) for each project import in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        else:
            continue
        for name in names:
            target = _resolve(name, modules)
            if target is not None and target != module:
                found.append((target, node.lineno, id(node) in top_level))
    return found


def import_graph(root, apps):
    modules = project_modules(root, apps)
    return {module: imports_of(module, path, modules) for module, path in modules.items()}, modules


def layer_violations(graph, layers):
    """Each import from an app to one not below it, as a sentence naming the import."""
    problems = []
    for module, imports in graph.items():
        app = module.split(".")[0]
        for target, line, _top in imports:
            target_app = target.split(".")[0]
            if target_app == app:
                continue
            if layers[target_app] >= layers[app]:
                problems.append(
                    f"{module} (line {line}) imports {target}: {app} (layer {layers[app]}) "
                    f"may only import from lower layers, and {target_app} is layer "
                    f"{layers[target_app]}"
                )
    return problems


def cycles(graph):
    """Each import cycle once, as a list of modules (Tarjan's strongly connected parts)."""
    index, lowlink, on_stack, stack, found = {}, {}, set(), [], []

    def visit(module):
        index[module] = lowlink[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target, _line, _top in graph.get(module, []):
            if target not in index:
                visit(target)
                lowlink[module] = min(lowlink[module], lowlink[target])
            elif target in on_stack:
                lowlink[module] = min(lowlink[module], index[target])
        if lowlink[module] == index[module]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def deferred_imports(graph, allowed):
    # An app's apps.py imports its signal receivers in AppConfig.ready(), Django's place
    # for them (models are loaded by then): that is never a hidden cycle.
    return [
        f"{module} (line {line}) imports {target} inside a function"
        for module, imports in graph.items()
        if module not in allowed and not module.endswith(".apps")
        for target, line, top in imports
        if not top
    ]


@pytest.fixture(scope="module")
def project_graph():
    graph, _modules = import_graph(PROJECT_ROOT, LAYERS)
    return graph


def test_every_app_is_in_a_layer():
    apps = {
        path.parent.name
        for path in PROJECT_ROOT.glob("*/apps.py")
        if not path.parent.name.startswith(".")
    }
    assert apps - set(LAYERS) == set(), "Add the new app to LAYERS and docs/ARCHITECTURE.md"


def test_imports_point_down_the_layers(project_graph):
    assert layer_violations(project_graph, LAYERS) == []


def test_no_import_cycles(project_graph):
    assert cycles(project_graph) == []


def test_imports_are_at_the_top_of_their_module(project_graph):
    assert deferred_imports(project_graph, DEFERRED_IMPORTS) == []


def test_the_graph_sees_the_real_imports(project_graph):
    """Guard against a checker that finds nothing: known downward imports are seen."""
    assert ("core.models", True) in {
        (target, top) for target, _line, top in project_graph["articles.blocks"]
    }
    assert "articles.models" in {target for target, *_rest in project_graph["home.models"]}


# --- The checker itself fails on what it must catch ----------------------------------


def write_project(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_an_upward_import_is_named(tmp_path):
    write_project(
        tmp_path,
        {
            "core/__init__.py": "",
            "core/models.py": "from articles.models import ArticlePage\n",
            "articles/__init__.py": "",
            "articles/models.py": "from core import models\n",
        },
    )
    graph, _modules = import_graph(tmp_path, ["core", "articles"])
    problems = layer_violations(graph, {"core": 0, "articles": 2})
    assert problems == [
        "core.models (line 1) imports articles.models: core (layer 0) may only import from "
        "lower layers, and articles is layer 2"
    ]
    assert cycles(graph) == [["articles.models", "core.models"]]


def test_an_import_between_apps_of_one_layer_is_refused(tmp_path):
    write_project(
        tmp_path,
        {
            "search/__init__.py": "",
            "search/views.py": "from booking.models import BookingRequest\n",
            "booking/__init__.py": "",
            "booking/models.py": "BookingRequest = None\n",
        },
    )
    graph, _modules = import_graph(tmp_path, ["search", "booking"])
    assert len(layer_violations(graph, {"search": 3, "booking": 3})) == 1


def test_a_hidden_import_and_a_relative_cycle_are_found(tmp_path):
    write_project(
        tmp_path,
        {
            "booking/__init__.py": "",
            "booking/forms.py": "from .models import BookingRequest\n",
            "booking/models.py": "def view():\n    from booking import forms\n",
        },
    )
    graph, _modules = import_graph(tmp_path, ["booking"])
    assert cycles(graph) == [["booking.forms", "booking.models"]]
    assert deferred_imports(graph, {}) == [
        "booking.models (line 2) imports booking.forms inside a function"
    ]
