# --8<-- [start:model]
import torch
from torch import nn


class NeuralNetwork(nn.Module):  # PyTorch's quickstart network, unchanged
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits
# --8<-- [end:model]


# --8<-- [start:data]
from torch.utils.data import DataLoader, TensorDataset
from torchvision import datasets
from torchvision.transforms import ToTensor

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

training_data = datasets.FashionMNIST(
    root="data", train=True, download=True, transform=ToTensor()
)
test_data = datasets.FashionMNIST(
    root="data", train=False, download=True, transform=ToTensor()
)


def in_memory(dataset, indices):  # (1)!
    """The images at `indices` as one tensor, as ToTensor() makes each."""
    images = dataset.data[indices].unsqueeze(1).float() / 255
    return TensorDataset(images, dataset.targets[indices])


order = torch.randperm(60_000, generator=torch.Generator().manual_seed(0))
train_set = in_memory(training_data, order[:1000])  # (2)!
val_set = in_memory(training_data, order[-500:])  # (3)!
test_set = in_memory(test_data, torch.arange(1000))
# --8<-- [end:data]


# --8<-- [start:loop]
def train_epoch(model, loader, optimizer):
    model.train()
    losses = []
    for x, y in loader:
        x, y = x.to(device), y.to(device)  # (1)!
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@torch.no_grad()
def evaluate(model, dataset):
    """Mean loss and the number of correct predictions."""
    model.eval()  # (2)!
    total, correct = 0.0, 0
    for x, y in DataLoader(dataset, batch_size=1000):
        x, y = x.to(device), y.to(device)
        logits = model(x)
        total += nn.functional.cross_entropy(logits, y, reduction="sum").item()
        correct += (logits.argmax(dim=1) == y).sum().item()
    return total / len(dataset), correct


def fit(make_optimizer, epochs=2, batch_size=64, validate=True):
    torch.manual_seed(0)  # (3)!
    model = NeuralNetwork().to(device)
    optimizer = make_optimizer(model.parameters())
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(0))
    history = {"train": [], "val": []}
    if validate:  # (4)!
        history["val"].append(evaluate(model, val_set))
    for _ in range(epochs):
        history["train"] += train_epoch(model, loader, optimizer)
        if validate:
            history["val"].append(evaluate(model, val_set))
    return model, history
# --8<-- [end:loop]
