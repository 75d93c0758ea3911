# --8<-- [start:dims]
import torch

torch.manual_seed(0)
scores = torch.randn(2, 5, 4, 4)  # [batch, classes, height, width]: per-pixel
probs = torch.softmax(scores, dim=1)  # over the 5 classes, for every pixel
print(tuple(probs.shape), probs.sum(dim=1).allclose(torch.ones(2, 4, 4)))
#> (2, 5, 4, 4) True

tokens = torch.randn(2, 7, 5)  # [batch, sequence, classes]: classes last
print(torch.softmax(tokens, dim=-1).sum(dim=-1).allclose(torch.ones(2, 7)))
#> True
# --8<-- [end:dims]

# --8<-- [start:jacobian]
z = torch.tensor([2.0, 1.0, 0.1])
p = torch.softmax(z, dim=0)
by_formula = torch.diag(p) - torch.outer(p, p)  # p_i (1[i=j] - p_j)
by_autograd = torch.autograd.functional.jacobian(
    lambda v: torch.softmax(v, dim=0), z)
assert torch.allclose(by_formula, by_autograd, atol=1e-6)
for row in by_autograd.tolist():
    print([round(v, 4) for v in row])
#> [0.2247, -0.1598, -0.065]
#> [-0.1598, 0.1837, -0.0239]
#> [-0.065, -0.0239, 0.0889]
print("column sums:", [round(abs(s), 4) for s in by_autograd.sum(0).tolist()])
#> column sums: [0.0, 0.0, 0.0]
# --8<-- [end:jacobian]
