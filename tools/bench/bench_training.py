"""The notes' network trained on all of Fashion-MNIST: `python3 dev.py bench --training`.

The pages train on a subset for a few epochs (a page must stay fast and print what holds on every
machine); the full-data figures are measured here instead, never in a test: one epoch of the
notes' network (PyTorch's quickstart: Flatten -> Linear(784, 512) -> ReLU -> Linear(512, 512) ->
ReLU -> Linear(512, 10)) with the quickstart's recipe (SGD, lr 1e-3, batch 64, shuffled) on the
60,000 training images, then its accuracy on the 10,000 test images. On the CPU, and on CUDA when
torch sees a GPU. Two ways of feeding it:

* the reader's pipeline: `FashionMNIST(root="data", transform=ToTensor())` and a `DataLoader`
  with num_workers=0, each image turned into a tensor as it is drawn (what the pages show);
* the images as one tensor in memory (on the device), batches sliced from it: the network's own
  cost, without the per-image conversion.

The data comes from .cache/data (tools/fashion_mnist.py), checked; nothing is downloaded.
"""

from __future__ import annotations

import os
import time

from tools.fashion_mnist import DATA

EPOCHS = 1
BATCH = 64
LR = 1e-3


def _network():
    from torch import nn

    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512),
        nn.ReLU(),
        nn.Linear(512, 512),
        nn.ReLU(),
        nn.Linear(512, 10),
    )


def _sync(device) -> None:
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize()


def _accuracy(model, images, labels) -> float:
    import torch

    model.eval()
    with torch.no_grad():
        correct = sum(
            (model(images[i : i + 1000]).argmax(1) == labels[i : i + 1000]).sum().item()
            for i in range(0, len(images), 1000)
        )
    return correct / len(images)


def one_epoch(device_name: str, pipeline: bool) -> tuple[float, float, float]:
    """(seconds for one training epoch, the CPU seconds this process spent on it, test accuracy
    after it). On a busy machine the CPU seconds are the steadier figure."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader
    from torchvision import datasets, transforms

    device = torch.device(device_name)
    torch.manual_seed(0)
    model = _network().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = nn.CrossEntropyLoss()
    train = datasets.FashionMNIST(root=DATA, train=True, download=True, transform=transforms.ToTensor())
    test = datasets.FashionMNIST(root=DATA, train=False, download=True)
    if pipeline:
        batches = DataLoader(train, batch_size=BATCH, shuffle=True, generator=torch.Generator().manual_seed(0))
    else:
        images = (train.data.float() / 255).unsqueeze(1).to(device)
        labels = train.targets.to(device)
        order = torch.randperm(len(images), generator=torch.Generator().manual_seed(0)).to(device)
        batches = ((images[order[i : i + BATCH]], labels[order[i : i + BATCH]]) for i in range(0, len(images), BATCH))
    _sync(device)
    start, cpu_start = time.perf_counter(), time.process_time()
    model.train()
    for x, y in batches:
        x, y = x.to(device), y.to(device)
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    _sync(device)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    test_images = (test.data.float() / 255).unsqueeze(1).to(device)
    return seconds, cpu, _accuracy(model, test_images, test.targets.to(device))


def main() -> int:
    import torch

    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    print(
        f"One epoch of the notes' network on all 60,000 Fashion-MNIST training images (SGD, lr {LR:g}, "
        f"batch {BATCH}, shuffled, seed 0), then its accuracy on the 10,000 test images; torch "
        f"{torch.__version__}, {torch.get_num_threads()} CPU threads (OMP_NUM_THREADS="
        f"{os.environ.get('OMP_NUM_THREADS', 'unset')}).\n"
    )
    print("| device | data | one epoch | its CPU time | test accuracy |\n| --- | --- | --- | --- | --- |", flush=True)
    for name in devices:
        where = torch.cuda.get_device_name() if name == "cuda" else "CPU"
        for pipeline, how in ((True, "DataLoader + ToTensor, num_workers=0"), (False, "one tensor in memory")):
            seconds, cpu, accuracy = one_epoch(name, pipeline)
            print(f"| {where} | {how} | {seconds:.1f} s | {cpu:.1f} CPU-s | {accuracy:.1%} |", flush=True)
    return 0
