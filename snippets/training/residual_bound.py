from snippets.training.fixed_nets import Residual, device

# --8<-- [start:cancel]
import torch
from torch import nn

torch.manual_seed(0)
h = torch.randn(256, 64).to(device).requires_grad_()
incoming = torch.randn(256, 64).to(device)  # the gradient arriving from above
for name in ("default init", "branch ≈ -identity"):
    block = Residual(64, nn.Identity).to(device)  # h + linear(h)
    if name != "default init":
        with torch.no_grad():
            block.linear.weight.copy_(-0.9 * torch.eye(64))  # (1)!
    h.grad = None
    block(h).backward(incoming)
    print(f"{name:18}  |gradient out| / |gradient in| = "
          f"{h.grad.norm().item() / incoming.norm().item():.2f}")
#> default init        |gradient out| / |gradient in| = 1.13
#> branch ≈ -identity  |gradient out| / |gradient in| = 0.10
# --8<-- [end:cancel]
