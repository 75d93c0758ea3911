# --8<-- [start:shift]
import torch

z = torch.tensor([1.0, 2.0, 3.0])
print([round(p, 4) for p in torch.softmax(z, dim=0).tolist()])
#> [0.09, 0.2447, 0.6652]
# same probabilities
print([round(p, 4) for p in torch.softmax(z + 100, dim=0).tolist()])
#> [0.09, 0.2447, 0.6652]
# --8<-- [end:shift]

# --8<-- [start:overflow]
big = torch.tensor([1000.0, 1001.0, 1002.0])
# e^1000 overflows float32: inf / inf
naive = torch.exp(big) / torch.exp(big).sum()
print(torch.exp(big).tolist(), naive.tolist())
#> [inf, inf, inf] [nan, nan, nan]

# subtract the max first: the largest exponent is e^0 = 1
shifted = torch.exp(big - big.max())
print([round(p, 4) for p in (shifted / shifted.sum()).tolist()])
#> [0.09, 0.2447, 0.6652]
# does the shift for you
print([round(p, 4) for p in torch.softmax(big, dim=0).tolist()])
#> [0.09, 0.2447, 0.6652]

# log(sum e^z) without overflow (2 decimals)
print(round(torch.logsumexp(big, dim=0).item(), 2))
#> 1002.41
# --8<-- [end:overflow]
