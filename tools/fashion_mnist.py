"""Fashion-MNIST on disk, checked, before anything runs: the data is never downloaded at test time.

    python3 -m tools.fashion_mnist      # place, check and link the files (dev.py does it for you)

The pages use the API a reader copies, relative to the current directory:

    datasets.FashionMNIST(root="data", train=True, download=True, transform=ToTensor())

torchvision then reads `data/FashionMNIST/raw/<name>` (the four decompressed IDX files) and,
finding them there, downloads nothing. So this module:

* places the four files in `.cache/data/FashionMNIST/raw/` (gitignored), from Debian's package
  `dataset-fashion-mnist` (installed with apt-get where it can be: Debian or Ubuntu, as root or
  under CI=true with `sudo -n`, like the Chromium of the browser tests), otherwise (macOS,
  Windows) through torchvision's own download into `.cache/data`;
* checks each decompressed file against the SHA-256 recorded below, so both sources give the same
  bytes (Debian recompressed the .gz files, so the .gz digests torchvision lists do not match
  theirs; the decompressed files are the originals);
* links `data` -> `.cache/data` where code runs with `root="data"`: the repository root (pages run
  in-process by Sybil, labs, `python -W error snippets/x.py` from the root, mkdocs-jupyter), and
  each snippet runner child's empty working directory (tools/engine/runner.py).

A missing or corrupt file stops with a message naming the file and how to install it
(`DataError`). Standard library only: dev.py runs it before it runs anything else.

The digests were computed from the files of Debian's dataset-fashion-mnist
0.0~git20200523.55506a9-1, decompressed. Cross-check: their MD5s (train-images
f4a8712d7a061bf5bd6d2ca38dc4d50a, train-labels 9018921c3c673c538a1fc5bad174d6f9, t10k-images
8181f5470baa50b63fa0f6fddb340f0a, t10k-labels 15d484375f8d13e6eb1aabb0c3f46965) are the
decompressed MD5s that public loaders of the original Zalando files list, and the SHA-256s below
are the ones they list for the decompressed originals.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What `root="data"` points at. ensure() exports it (DATA_ENV) to every process started after it,
# so that a scratch copy of the repository that a test runs pytest in uses the same checked files
# instead of placing its own.
DATA_ENV = "PYTORCH_NOTES_DATA"
DATA = Path(os.environ.get(DATA_ENV) or ROOT / ".cache" / "data")
RAW = DATA / "FashionMNIST" / "raw"  # where torchvision.datasets.FashionMNIST reads the files
LINK = "data"  # the name the pages use: FashionMNIST(root="data", ...)
DEBIAN_PACKAGE = "dataset-fashion-mnist"
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")  # the package's .gz files

# The four decompressed IDX files: name -> (size in bytes, sha256).
FILES = {
    "train-images-idx3-ubyte": (47040016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    "train-labels-idx1-ubyte": (60008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "t10k-images-idx3-ubyte": (7840016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    "t10k-labels-idx1-ubyte": (10008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}

INSTALL_HINT = (
    f"install Debian's package: `apt-get install {DEBIAN_PACKAGE}` (Debian or Ubuntu), then run "
    "`python3 dev.py test` again; elsewhere `python3 dev.py test` downloads the files once with "
    "torchvision into .cache/data/. To start over, delete .cache/data/."
)


class DataError(Exception):
    """A data file is missing or is not the expected file: the message names it and the fix."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def problems(raw: Path = RAW) -> list[str]:
    """What is wrong with the files in `raw`: one line per missing, truncated or altered file."""
    found = []
    for name, (size, digest) in FILES.items():
        path = raw / name
        if not path.is_file():
            found.append(f"{path}: missing")
        elif path.stat().st_size != size:
            have = path.stat().st_size
            found.append(f"{path}: truncated or not the original file ({have} bytes, expected {size})")
        elif (have := sha256(path)) != digest:
            found.append(f"{path}: corrupt or not the original file (sha256 {have}, expected {digest})")
    return found


def check(raw: Path = RAW) -> None:
    """Raise DataError naming each missing or corrupt file and how to install it."""
    found = problems(raw)
    if found:
        lines = "\n".join(f"  {line}" for line in found)
        raise DataError(f"Fashion-MNIST is not in place:\n{lines}\nFix: {INSTALL_HINT}")


def from_debian(raw: Path = RAW, source: Path = DEBIAN_DIR) -> bool:
    """Decompress the Debian package's .gz files into `raw` (each written whole, then renamed).
    False when the package's files are not there."""
    if not all((source / f"{name}.gz").is_file() for name in FILES):
        return False
    raw.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        partial = raw / f"{name}.partial"
        with gzip.open(source / f"{name}.gz", "rb") as packed, partial.open("wb") as out:
            shutil.copyfileobj(packed, out, 1 << 20)
        partial.replace(raw / name)
    return True


def _apt_install() -> bool:
    """apt-get install the package where that is allowed: as root, or under CI=true with sudo -n."""
    if not shutil.which("apt-get"):
        return False
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    if not root and not (ci and shutil.which("sudo")):
        return False
    sudo = [] if root else ["sudo", "-n"]
    print(f"[dev] installing Fashion-MNIST: apt-get install {DEBIAN_PACKAGE}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", DEBIAN_PACKAGE], env=env, check=False)
    return True


def _torchvision_download(python: Path) -> None:
    """Where there is no apt-get (macOS, Windows): torchvision's own download, into .cache/data."""
    print("[dev] downloading Fashion-MNIST once with torchvision into .cache/data/", flush=True)
    code = (
        "import sys; from torchvision.datasets import FashionMNIST\n"
        "for train in (True, False): FashionMNIST(sys.argv[1], train=train, download=True)\n"
    )
    subprocess.run([str(python), "-c", code, str(DATA)], check=False)


def link(directory: Path, data: Path = DATA) -> Path:
    """Make `directory/data` point at `data` (a symlink; on Windows without the right to make one,
    a directory junction). Nothing is done when it already does."""
    target = directory / LINK
    if (target.is_symlink() or target.exists()) and target.resolve() == data.resolve():
        return target  # already right (a symlink, or a junction on Windows)
    if target.is_symlink():
        target.unlink()  # a stale link (the repository moved, say)
    elif target.exists():
        raise DataError(f'{target} exists and is not a link to {data}: move it away, `root="data"` needs it')
    # Relative inside the repository (it survives moving the clone), absolute from elsewhere.
    pointer = os.path.relpath(data, directory) if data.is_relative_to(directory) else str(data)
    try:
        os.symlink(pointer, target, target_is_directory=True)
    except OSError:
        if os.name != "nt":
            raise
        subprocess.run(["cmd", "/c", "mklink", "/J", str(target), str(data)], check=True, capture_output=True)
    return target


def ensure(python: Path | None = None, raw: Path = RAW) -> None:
    """Make sure the four files are in `raw`, checked, and `data` at the repository root points at
    them. Raises DataError when they cannot be put there (the message says how)."""
    if problems(raw):
        if not from_debian(raw) and _apt_install():
            from_debian(raw)
        if problems(raw) and python is not None and not shutil.which("apt-get"):
            _torchvision_download(python)
        check(raw)
        print(f"[dev] Fashion-MNIST in place and checked: {raw}", flush=True)
    link(ROOT)
    os.environ[DATA_ENV] = str(DATA)


def linked_here() -> None:
    """`data` in the current directory -> the checked files, when they are in place (a snippet
    runner child calls this in its fresh working directory)."""
    if RAW.is_dir():
        link(Path.cwd())


if __name__ == "__main__":
    try:
        ensure()
    except DataError as error:
        sys.exit(str(error))
