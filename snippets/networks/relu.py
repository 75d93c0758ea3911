# --8<-- [start:relu]
import torch

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)
y = torch.relu(x)  # max(0, x), element by element
print(y.tolist())
#> [0.0, 0.0, 0.0, 0.5, 2.0]
#
y.sum().backward()  # d(sum of y)/dx_i = ReLU'(x_i)
print(x.grad.tolist())
#> [0.0, 0.0, 0.0, 1.0, 1.0]
# --8<-- [end:relu]

# --8<-- [start:cost]
sizes = [(784, 512), (512, 512), (512, 10)]  # the classifier's Linear layers
linears = [torch.nn.Linear(n_in, n_out) for n_in, n_out in sizes]
multiply_adds = sum(m.in_features * m.out_features for m in linears)
relu_maxes = 512 + 512  # one max(0, x) per hidden unit
print(f"per image: {multiply_adds:,} multiply-adds, {relu_maxes:,} ReLUs")
#> per image: 668,672 multiply-adds, 1,024 ReLUs
print(f"ReLUs per multiply-add: {relu_maxes / multiply_adds:.2%}")
#> ReLUs per multiply-add: 0.15%
# --8<-- [end:cost]
