"""The stub `mlzone/__init__.pyi` describes exactly the compiled module.

The stub is parsed with `ast`; its public names must be the module's public names (`__all__`
and the module's namespace agree too), every function and method must have the runtime's
parameter names, kinds and defaults (`inspect.signature`, which reads PyO3's
`__text_signature__`), every class the runtime's public members and base, every property a
runtime property, and every TypedDict the runtime's keys.
"""

import ast
import inspect
import typing
from pathlib import Path
from typing import Any

import pytest

import mlzone

STUB = Path(mlzone.__file__).with_name("__init__.pyi")
TREE = ast.parse(STUB.read_text(encoding="utf-8"))


def public(name: str) -> bool:
    return not name.startswith("_") or name == "__version__"


def stub_names() -> dict[str, ast.stmt]:
    names: dict[str, ast.stmt] = {}
    for node in TREE.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
    return {name: node for name, node in names.items() if public(name)}


STUBBED = stub_names()
RUNTIME = {name for name in dir(mlzone) if public(name) and not inspect.ismodule(getattr(mlzone, name))}


def test_the_stub_and_py_typed_ship_in_the_package() -> None:
    assert STUB.is_file()
    assert STUB.with_name("py.typed").is_file()


def test_stub_names_are_the_module_names() -> None:
    assert set(STUBBED) == RUNTIME
    assert set(mlzone.__all__) == RUNTIME
    (stub_all,) = [
        node.value
        for node in TREE.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    ]
    assert ast.literal_eval(stub_all) == mlzone.__all__


def stub_parameters(node: ast.FunctionDef) -> list[tuple[str, str, object]]:
    """(name, kind, default) of a stubbed function; `...` as default means "no default"."""
    args = node.args
    result: list[tuple[str, str, object]] = []
    positional = args.posonlyargs + args.args
    defaults: list[object] = [inspect.Parameter.empty] * (len(positional) - len(args.defaults))
    defaults += [ast.literal_eval(d) for d in args.defaults]
    for index, (arg, default) in enumerate(zip(positional, defaults)):
        kind = "POSITIONAL_ONLY" if index < len(args.posonlyargs) else "POSITIONAL_OR_KEYWORD"
        result.append((arg.arg, kind, default))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults):
        default = inspect.Parameter.empty if kw_default is None else ast.literal_eval(kw_default)
        result.append((arg.arg, "KEYWORD_ONLY", default))
    return result


def runtime_parameters(function: Any, method: bool) -> list[tuple[str, str, object]]:
    parameters = list(inspect.signature(function).parameters.values())
    result = []
    for parameter in parameters:
        kind = parameter.kind.name
        # PyO3 writes `self` as positional-only (`$self, /`); the stub writes a plain `self`.
        if method and parameter.name == "self":
            kind = "POSITIONAL_OR_KEYWORD"
        result.append((parameter.name, kind, parameter.default))
    return result


def compare_function(node: ast.FunctionDef, function: Any, method: bool) -> None:
    expected = stub_parameters(node)
    actual = runtime_parameters(function, method)
    assert [p[:2] for p in actual] == [p[:2] for p in expected], node.name
    for (name, _, stub_default), (_, _, runtime_default) in zip(expected, actual):
        if runtime_default is not inspect.Parameter.empty and runtime_default is not Ellipsis:
            assert runtime_default == stub_default, f"{node.name}({name}=…)"
        else:
            assert (stub_default is inspect.Parameter.empty) == (
                runtime_default is inspect.Parameter.empty
            ), f"{node.name}({name})"


def functions() -> list[str]:
    return sorted(n for n, node in STUBBED.items() if isinstance(node, ast.FunctionDef))


@pytest.mark.parametrize("name", functions())
def test_function_signatures(name: str) -> None:
    node = STUBBED[name]
    assert isinstance(node, ast.FunctionDef)
    function = getattr(mlzone, name)
    assert callable(function)
    compare_function(node, function, method=False)


def classes() -> list[str]:
    return sorted(
        n
        for n, node in STUBBED.items()
        if isinstance(node, ast.ClassDef)
        and not any(isinstance(b, ast.Name) and b.id == "TypedDict" for b in node.bases)
    )


def decorated_with(node: ast.FunctionDef, name: str) -> bool:
    return any(isinstance(d, ast.Name) and d.id == name for d in node.decorator_list)


@pytest.mark.parametrize("name", classes())
def test_classes(name: str) -> None:
    node = STUBBED[name]
    assert isinstance(node, ast.ClassDef)
    cls = getattr(mlzone, name)
    assert inspect.isclass(cls)
    bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
    assert [base.__name__ for base in cls.__bases__] == (bases or ["object"])
    stub_members: dict[str, ast.stmt] = {}
    for item in node.body:
        if isinstance(item, ast.FunctionDef):
            stub_members[item.name] = item
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            stub_members[item.target.id] = item
    inherited = set().union(*(dir(base) for base in cls.__bases__))
    own = {m for m in vars(cls) if not m.startswith("_") or m == "__init__"}
    own -= {"__init__"} if "__init__" not in stub_members else set()
    attributes = {m for m, item in stub_members.items() if isinstance(item, ast.AnnAssign)}
    assert own == set(stub_members) - attributes - (inherited - own), name
    for member, item in stub_members.items():
        if isinstance(item, ast.AnnAssign):
            # An instance attribute the constructor sets: check it on an instance.
            instance = cls("message", [])
            assert hasattr(instance, member), f"{name}.{member}"
            continue
        assert isinstance(item, ast.FunctionDef)
        runtime = inspect.getattr_static(cls, member)
        if decorated_with(item, "property"):
            assert inspect.isdatadescriptor(runtime) and not callable(runtime), f"{name}.{member}"
        else:
            compare_function(item, getattr(cls, member), method=True)


def typed_dicts() -> list[str]:
    return sorted(n for n in STUBBED if n not in classes() and n not in functions() and n != "__version__")


def stub_typed_dict_keys(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.ClassDef):
        return {
            item.target.id
            for item in node.body
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
        }
    assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
    fields = node.value.args[1]
    assert isinstance(fields, ast.Dict)
    return {ast.literal_eval(key) for key in fields.keys if key is not None}


@pytest.mark.parametrize("name", typed_dicts())
def test_typed_dicts(name: str) -> None:
    runtime = getattr(mlzone, name)
    assert typing.is_typeddict(runtime), name
    assert set(runtime.__required_keys__) == stub_typed_dict_keys(STUBBED[name])


def test_every_stubbed_name_is_checked() -> None:
    checked = set(functions()) | set(classes()) | set(typed_dicts()) | {"__version__"}
    assert checked == set(STUBBED)
    assert isinstance(mlzone.__version__, str)
