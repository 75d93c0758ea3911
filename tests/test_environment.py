"""The environment `dev.py` builds is exactly what requirements.lock says, and the default test
run verifies the device the snippets pick."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import platform
import subprocess
import sys

import pytest
import torch

from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["README.md"])


def _dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pins() -> dict[str, str]:
    from packaging.requirements import Requirement

    norm = _dev()._norm
    text = (ROOT / "requirements.lock").read_text().replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line.split(" --hash")[0].strip())
            if requirement.marker is None or requirement.marker.evaluate():
                pins[norm(requirement.name)] = str(requirement.specifier)
    return pins


def test_every_pin_is_exact_and_all_but_torch_and_torchvision_are_hashed():
    hashed, unhashed, names = _dev()._split_lock(_dev().LOCK)
    assert [entry.split("==")[0] for entry in unhashed] == ["torch", "torchvision"]
    assert all("==" in entry for entry in unhashed)
    for entry in hashed.splitlines():
        requirement = entry.split(" --hash")[0].split(";")[0].strip()
        assert "==" in requirement and "--hash=sha256:" in entry, entry
    assert "ruff" in names


def test_the_environment_holds_exactly_the_lock():
    pins, norm = _pins(), _dev()._norm
    installed = {norm(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    # torch's and torchvision's own runtime dependencies are allowed (PyPI's Linux build of torch
    # pins its CUDA wheels, some through extras): the closure dev.py keeps, computed as it does.
    inspected = subprocess.run([sys.executable, "-c", _dev()._INSPECT], capture_output=True, text=True, check=True)
    torch_deps = set(json.loads(inspected.stdout)["torch"])
    extra = set(installed) - set(pins) - torch_deps - {"pip", "pytorch-notes"}
    assert extra == set(), "installed but not in requirements.lock (dev.py removes these)"
    wrong = {name: (installed.get(name), spec) for name, spec in pins.items() if installed.get(name, "").split("+")[0]
             != spec.removeprefix("==")}
    assert wrong == {}, "installed version differs from the lock"


def test_pip_check_passes():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_stamp_records_the_python_version():
    assert platform.python_version() in _dev()._stamp(_dev().LOCK)


def test_the_default_device_is_the_one_the_snippets_pick():
    picked = torch.accelerator.current_accelerator(check_available=True)
    want = picked.type if picked is not None else "cpu"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "tests/test_vendor.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"snippets run on: {want} (--device to assert one)" in result.stdout


def test_the_readme_names_the_pinned_torch():
    """The README says which torch produced the outputs; it must be the one the lock pins."""
    import re

    pinned = _pins()["torch"].removeprefix("==")
    stated = re.search(r"produced with \*\*torch (?P<version>[\w.+]+)\*\*", (ROOT / "README.md").read_text())
    assert stated, "README.md no longer says which torch produced the outputs"
    assert stated["version"] == pinned, f"README.md says torch {stated['version']}, the lock pins {pinned}"
