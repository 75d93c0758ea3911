import torch
from torch import nn
from torch.utils.data import DataLoader

from snippets.images.fashion import NeuralNetwork, device, val_set

# --8<-- [start:parameters]
torch.manual_seed(0)
model = NeuralNetwork().to(device)
for name, p in model.named_parameters():
    print(f"{name:28} {str(tuple(p.shape)):11} {p.numel():>7,}")
print(f"{'total':40} {sum(p.numel() for p in model.parameters()):>7,}")
# --8<-- [end:parameters]

# --8<-- [start:initial_loss]
import math

x, y = next(iter(DataLoader(val_set, batch_size=1000)))
with torch.no_grad():
    logits = model(x.to(device))
    loss = nn.functional.cross_entropy(logits, y.to(device))
print(f"first loss {loss.item():.3f}   ln 10 = {math.log(10):.3f}")
print(f"logits: mean {logits.mean().item():+.3f}"
      f"  spread per image {logits.var(dim=1).mean().item():.4f}")
# --8<-- [end:initial_loss]
