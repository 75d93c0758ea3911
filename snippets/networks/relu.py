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
