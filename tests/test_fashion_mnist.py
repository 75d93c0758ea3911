"""Fashion-MNIST is on disk, checked, and `root="data"` reads it wherever the suite runs code, with
no network (tools/fashion_mnist.py). The checks of a missing, truncated or corrupt file run on
small stand-in files in tmp paths: the real cache is never touched."""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import pytest

from tools import fashion_mnist
from tools.paths import ROOT

# Run first in the child: any attempt to reach the network raises (torchvision downloads with
# urllib; the machine has no internet either, so this makes the failure say why at once).
NO_NETWORK = """\
import socket
import urllib.request


def refuse(*args, **kwargs):
    raise OSError("the network was used")


socket.create_connection = refuse
socket.getaddrinfo = refuse
urllib.request.urlopen = refuse
"""

LOAD = """\
from torchvision import datasets, transforms

test = datasets.FashionMNIST(
    root="data", train=False, download=True, transform=transforms.ToTensor()
)
print(len(test))
image, label = test[0]
print(list(image.shape), image.dtype, label)
print(test.classes[label])
"""

PRINTED = ["#> 10000", "#> [1, 28, 28] torch.float32 9", "#> Ankle boot"]


def test_the_recorded_digests_hold_for_the_files_in_place():
    """conftest.py placed them (tools/fashion_mnist.ensure); each is checked here by its sha256."""
    assert fashion_mnist.problems() == []
    for name, (size, digest) in fashion_mnist.FILES.items():
        path = fashion_mnist.RAW / name
        assert path.stat().st_size == size
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert (ROOT / "data").resolve() == fashion_mnist.DATA.resolve()


def test_a_snippet_reads_root_data_in_a_runner_child_without_the_network(runner, tmp_path):
    """A snippet runner child starts in an empty temporary directory (tools/engine/runner.py): its `data`
    leads to the checked files, so download=True finds them and never downloads."""
    snippet = tmp_path / "load_fashion_mnist.py"
    snippet.write_text(NO_NETWORK + LOAD)
    [result] = runner.render_files([snippet])
    assert result.ok, result.error
    assert [line for line in result.rendering.splitlines() if line.startswith("#>")] == PRINTED


def test_a_page_block_reads_root_data_from_the_repository_root(monkeypatch):
    """Sybil runs the pages' blocks in this process, from the repository root (as do the labs, the
    build's notebook execution and `python -W error snippets/x.py`): `data` there is the link."""
    from torchvision import datasets

    monkeypatch.chdir(ROOT)
    train = datasets.FashionMNIST(root="data", train=True, download=True)
    assert len(train) == 60000
    assert train.data.shape == (60000, 28, 28)
    assert train.targets.bincount().tolist() == [6000] * 10


# --- the checks, on stand-in files -----------------------------------------------------------

FAKE = {"train-images-idx3-ubyte": b"images" * 100, "train-labels-idx1-ubyte": b"labels" * 10}


@pytest.fixture
def fake(monkeypatch, tmp_path) -> Path:
    """FILES replaced by two small stand-ins, with their .gz in a fake Debian folder."""
    monkeypatch.setattr(
        fashion_mnist, "FILES", {n: (len(b), hashlib.sha256(b).hexdigest()) for n, b in FAKE.items()}
    )
    debian = tmp_path / "debian"
    debian.mkdir()
    for name, content in FAKE.items():
        (debian / f"{name}.gz").write_bytes(gzip.compress(content))
    return debian


def test_debian_files_are_decompressed_and_pass(fake, tmp_path):
    raw = tmp_path / "raw"
    assert fashion_mnist.from_debian(raw, fake)
    assert fashion_mnist.problems(raw) == []
    fashion_mnist.check(raw)
    assert sorted(p.name for p in raw.iterdir()) == sorted(FAKE)  # no .partial left behind


def test_no_debian_package_places_nothing(fake, tmp_path):
    assert not fashion_mnist.from_debian(tmp_path / "raw", tmp_path / "absent")
    assert not (tmp_path / "raw").exists()


@pytest.mark.parametrize(
    "damage, said",
    [
        (lambda path: path.unlink(), "missing"),
        (lambda path: path.write_bytes(path.read_bytes()[:-7]), "truncated"),
        (lambda path: path.write_bytes(b"X" + path.read_bytes()[1:]), "corrupt"),
    ],
    ids=["missing", "truncated", "corrupt"],
)
def test_a_bad_file_stops_with_its_name_and_the_fix(fake, tmp_path, damage, said):
    raw = tmp_path / "raw"
    fashion_mnist.from_debian(raw, fake)
    damage(raw / "train-labels-idx1-ubyte")
    with pytest.raises(fashion_mnist.DataError) as stopped:
        fashion_mnist.check(raw)
    message = str(stopped.value)
    assert f"{raw / 'train-labels-idx1-ubyte'}: {said}" in message
    assert "train-images-idx3-ubyte" not in message  # only the bad file is named
    assert "apt-get install dataset-fashion-mnist" in message


def test_link_points_at_the_data_and_is_idempotent(tmp_path):
    data, here = tmp_path / "cache" / "data", tmp_path / "cwd"
    data.mkdir(parents=True)
    here.mkdir()
    link = fashion_mnist.link(here, data)
    assert link == here / "data" and link.resolve() == data.resolve()
    assert fashion_mnist.link(here, data) == link  # again: nothing changes
    other = tmp_path / "other"
    other.mkdir()
    fashion_mnist.link(here, other)  # a stale link is replaced
    assert (here / "data").resolve() == other.resolve()


def test_link_inside_the_repository_is_relative(tmp_path):
    (tmp_path / ".cache" / "data").mkdir(parents=True)
    fashion_mnist.link(tmp_path, tmp_path / ".cache" / "data")
    assert os.readlink(tmp_path / "data") == os.path.join(".cache", "data")


def test_link_refuses_to_replace_a_real_folder(tmp_path):
    (tmp_path / "data").mkdir()
    with pytest.raises(fashion_mnist.DataError, match="is not a link"):
        fashion_mnist.link(tmp_path, tmp_path / "elsewhere")


def test_a_scratch_copy_of_the_repository_reads_the_same_checked_files(tmp_path):
    """A test that runs pytest in a copy of the repository (tests/test_mistakes.py) inherits
    PYTORCH_NOTES_DATA from this run: the copy links the checked files, placing none of its own."""
    import shutil
    import subprocess
    import sys

    assert os.environ[fashion_mnist.DATA_ENV] == str(fashion_mnist.DATA)  # exported by ensure()
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    code = "from tools import fashion_mnist; fashion_mnist.ensure(); print(fashion_mnist.RAW)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(fashion_mnist.RAW)
    assert (tmp_path / "data").resolve() == fashion_mnist.DATA.resolve()
    assert not (tmp_path / ".cache").exists()
