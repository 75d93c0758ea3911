"""Device mistakes caught on a machine without a GPU.

On a CPU-only machine a snippet's `device` is the CPU, so a tensor that was never moved to it
sits on the same device as the model and nothing fails; on CUDA or MPS the same code raises
"Expected all tensors to be on the same device". This check runs a snippet or a page once more
(in a clean child of tools/engine/runner.py) as if an accelerator were present:

* `torch.accelerator.current_accelerator()` answers `ACCELERATOR`, a CPU device with an index
  (`cpu:0`), so the snippets' `device` line picks it, and its tensors still compute on the CPU;
* a `TorchFunctionMode` tags every tensor put on that device (`.to(device)`, `device=device`,
  `model.to(device)`) and every result computed from a tagged tensor; `.cpu()` and
  `.to("cpu")` give an untagged one, and a tagged tensor's `.device` is `ACCELERATOR`, so code
  that follows another tensor's device (`device=x.device`) follows it here too;
* `torch.load(…, map_location=device)` loads onto the CPU and tags what it loaded, and a deep
  copy of a tagged parameter is tagged;
* an operation that gets a tagged and an untagged tensor, or `.numpy()` on a tagged one, is what
  raises on a GPU: it is reported with the file and line in the snippet or page that ran it (and
  the line inside a helper snippet where it happened), the two devices, and the fix.

0-dim tensors are left out of the comparison, as CUDA accepts a CPU scalar tensor beside its own.
Copies between devices (`copy_`, `.to`, `x[i] = y`) and CPU index tensors are allowed, as on a
GPU. The check prints nothing to the reader: tests/test_devices.py runs it on every snippet and
page (CONTRIBUTING.md, "What the checks tell you").
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import torch
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_flatten

from tools.paths import ROOT, rel

# How the runner runs the check (Runner.check_devices): this module installed by name in each
# child, a page through the page model's own renderer, warmed before the fork.
RUN_WITH = {
    "checker": __name__,
    "page_function": "tools.pages.sybil_notes:render_page",
    "warm": ("tools.pages.sybil_notes:warm",),
}
ACCELERATOR = torch.device("cpu", 0)  # what `device` is under the check; "cpu" is the host
_TAG = "_pytorch_notes_on_accelerator"

_DEVICE_GET = torch.Tensor.device.__get__
_DATA_SET = torch.Tensor.data.__set__
_TO = torch.Tensor.to
_CPU = torch.Tensor.cpu
_TO_NUMPY = (torch.Tensor.numpy, torch.Tensor.__array__)
# Cross-device copies are legal on a GPU; the type check is Module.to's, before it swaps data.
_COPIES = (torch.Tensor.copy_, torch._has_compatible_shallow_copy_type)
_GETITEM, _SETITEM = torch.Tensor.__getitem__, torch.Tensor.__setitem__


class DeviceMix(BaseException):
    """Raised at the first mix (a BaseException: a snippet's `except Exception` cannot hide it)."""


def _on(t) -> bool:
    return isinstance(t, torch.Tensor) and getattr(t, _TAG, False)


def _set(t: torch.Tensor, on: bool) -> None:
    setattr(t, _TAG, on)


def _tensors(tree) -> list[torch.Tensor]:
    return [leaf for leaf in tree_flatten(tree)[0] if isinstance(leaf, torch.Tensor)]


def _is_accelerator(device) -> bool | None:
    """True for the accelerator, False for another device, None for no device given."""
    if device is None:
        return None
    if isinstance(device, int):  # an index: a CUDA device number
        return True
    try:
        return torch.device(device) == ACCELERATOR
    except (RuntimeError, TypeError):
        return None


def _readers_code() -> list[Path]:
    """The folders of the reader's code: the pages, and the snippets package wherever it was
    imported from (this clone's, or an installed copy's for a file outside the clone)."""
    folders = [ROOT / "docs", ROOT / "snippets"]
    package = sys.modules.get("snippets")
    if getattr(package, "__file__", None):
        folders.append(Path(package.__file__).parent)
    return folders


def _shown(filename: str) -> str | None:
    """`filename` as the message names it (docs/…, snippets/…), or None outside the reader's code."""
    for folder in _readers_code():
        if filename.startswith(f"{folder}{os.sep}"):
            return f"{folder.name}/{Path(filename).relative_to(folder).as_posix()}"
    return None


def _where(checked: str) -> tuple[str, str]:
    """(file:line of the outermost frame in the file checked or another snippet or page, of the
    innermost one)."""
    frames = [
        (rel(f.filename) if f.filename == checked else _shown(f.filename), f.lineno)
        for f in traceback.extract_stack()
    ]
    frames = [(name, line) for name, line in frames if name is not None]
    if not frames:
        return "(outside the snippets)", ""
    (outer, outer_line), (inner, inner_line) = frames[0], frames[-1]
    return f"{outer}:{outer_line}", f"{inner}:{inner_line}"


def _name(func) -> str:
    module = getattr(func, "__module__", None) or ""
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)
    if name.startswith(("TensorBase.", "_TensorBase.")):
        name = "Tensor." + name.partition(".")[2]
    if name.startswith("Tensor."):
        return name
    if module == "torch._C._nn":
        module = "torch.nn.functional"
    elif name.startswith("_VariableFunctionsClass."):
        module, name = "torch", name.rpartition(".")[2]
    return f"{module}.{name}" if module.startswith("torch") else name


class Checker(TorchFunctionMode):
    """The mode; `reports` holds the first mix (also raised as DeviceMix)."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path  # the snippet or page it runs
        self.reports: list[str] = []

    def _report(self, func, what: str) -> None:
        outer, inner = _where(self.path)
        inside = f" (inside {inner})" if inner and inner != outer else ""
        message = (
            f"{outer}: mixes devices{inside}: {_name(func)} gets {what}. On a GPU this raises "
            f"(cuda:0 and cpu, or mps:0 and cpu); this CPU-only run passes it. Fix: move the "
            f"tensor to `device` (`x.to(device)`) or create it there (`device=device`)."
        )
        if not self.reports:
            self.reports.append(message)
        raise DeviceMix(message)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func == _DEVICE_GET:  # a method-wrapper: equal, not identical
            return ACCELERATOR if _on(args[0]) else func(*args)
        if func in _TO_NUMPY and _on(args[0]):
            self._report(func, f"a {_shape(args[0])} tensor on the accelerator (`device`): "
                               "numpy needs it on the CPU first (`.cpu()`)")
        if func == _DATA_SET:  # param.data = t: the parameter now holds t's data
            func(*args, **kwargs)
            _set(args[0], _on(args[1]))
            return None
        if func is _CPU or func is _TO:
            return self._moved(func, args, kwargs)
        if func is _GETITEM:
            checked = [args[0]]  # a CPU index tensor is accepted on a GPU
        elif func is _SETITEM:
            checked = [t for t in (args[0], args[2]) if isinstance(t, torch.Tensor)]
        elif func in _COPIES:
            checked = []
        else:
            checked = _tensors((args, kwargs))
        inputs = _tensors((args, kwargs))
        sized = [t for t in checked if t.dim() > 0]
        on = [t for t in sized if _on(t)]
        off = [t for t in sized if not _on(t) and t.device.type == "cpu"]
        if on and off:
            self._report(
                func,
                f"a {_shape(on[0])} tensor on the accelerator (`device`) and a {_shape(off[0])} "
                "tensor left on the CPU",
            )
        result = func(*args, **kwargs)
        target = _is_accelerator(kwargs.get("device"))
        if target is None:  # no device named: the result is where its inputs are
            sized_inputs = [t for t in inputs if t.dim() > 0] or inputs
            target = any(_on(t) for t in sized_inputs)
        for out in _tensors(result):
            if not any(out is t for t in inputs):  # an in-place result keeps its own tag
                _set(out, target)
        return result

    def _moved(self, func, args, kwargs):
        source = args[0]
        result = func(*args, **kwargs)
        if func is _CPU:
            target = False
        elif args[1:] and isinstance(args[1], torch.Tensor):  # .to(other): other's device
            target = _on(args[1])
        else:
            device = torch._C._nn._parse_to(*args[1:], **kwargs)[0]
            target = _on(source) if device is None else _is_accelerator(device)
        if result is source and target != _on(source):
            result = source.view_as(source)  # a CPU tensor "moved": a new tensor, as on a GPU
        _set(result, bool(target))  # Module.to then sets param.data to it (_DATA_SET)
        return result


def _shape(t: torch.Tensor) -> str:
    return "[" + ", ".join(map(str, t.shape)) + "]"


_installed: list[Checker] = []


def _deepcopy_keeps_the_device(deepcopy):
    def copied(self, memo):
        result = deepcopy(self, memo)
        _set(result, _on(self))
        return result

    return copied


def _load_maps_the_accelerator(load):
    """torch.load(map_location=device): the CPU's data, tagged as on the accelerator."""

    def loaded(*args, **kwargs):
        on = _is_accelerator(kwargs.get("map_location")) is True
        if on:
            kwargs["map_location"] = "cpu"
        result = load(*args, **kwargs)
        for t in _tensors(result) if on else ():
            _set(t, True)
        return result

    return loaded


def install(path: str) -> Checker:
    """In a runner's child, before the snippet or page `path` runs: the accelerator and the mode."""
    torch.accelerator.current_accelerator = lambda check_available=False: ACCELERATOR
    # A Parameter's deepcopy builds a new Parameter without a torch function: keep its tag.
    nn_parameter = torch.nn.Parameter
    nn_parameter.__deepcopy__ = _deepcopy_keeps_the_device(nn_parameter.__deepcopy__)
    torch.load = _load_maps_the_accelerator(torch.load)
    checker = Checker(path)
    checker.__enter__()
    _installed.append(checker)
    return checker


def report() -> str | None:
    """The first mix the installed check saw, if any."""
    return next((r for c in _installed for r in c.reports), None)
