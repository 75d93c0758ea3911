# --8<-- [start:net]
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()  # (1)!
        self.fc1 = nn.Linear(10, 20)  # (2)!
        self.fc2 = nn.Linear(20, 20)
        self.output = nn.Linear(20, 4)

    def forward(self, x):  # (3)!
        x = self.fc1(x)
        x = self.fc2(x)
        x = self.output(x)
        return x
# --8<-- [end:net]
