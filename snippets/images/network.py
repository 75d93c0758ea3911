import torch
from torch import nn
from torch.utils.data import DataLoader

from snippets.images.fashion import NeuralNetwork, device, val_set

# --8<-- [start:parameters]
torch.manual_seed(0)
model = NeuralNetwork().to(device)
for name, p in model.named_parameters():
    print(f"{name:28} {str(tuple(p.shape)):11} {p.numel():>7,}")
#> linear_relu_stack.0.weight   (512, 784)  401,408
#> linear_relu_stack.0.bias     (512,)          512
#> linear_relu_stack.2.weight   (512, 512)  262,144
#> linear_relu_stack.2.bias     (512,)          512
#> linear_relu_stack.4.weight   (10, 512)     5,120
#> linear_relu_stack.4.bias     (10,)            10
print(f"{'total':40} {sum(p.numel() for p in model.parameters()):>7,}")
#> total                                    669,706
# --8<-- [end:parameters]

# --8<-- [start:initial_loss]
import math

x, y = next(iter(DataLoader(val_set, batch_size=500)))
with torch.no_grad():
    logits = model(x.to(device))
    loss = nn.functional.cross_entropy(logits, y.to(device))
print(f"first loss {loss.item():.3f}   ln 10 = {math.log(10):.3f}")
#> first loss 2.314   ln 10 = 2.303
print(f"logits: mean {logits.mean().item():+.3f}"
      f"  spread per image {logits.var(dim=1).mean().item():.4f}")
#> logits: mean +0.013  spread per image 0.0053
# --8<-- [end:initial_loss]
