# --8<-- [start:wrong]
import torch
from torch.autograd import gradcheck
from torch.autograd.gradcheck import GradcheckError


class BuggySin(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.sin(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sin(x)  # (1)!


x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
# the forward pass is right
print(torch.allclose(BuggySin.apply(x), torch.sin(x)))
#> True
try:
    gradcheck(BuggySin.apply, (x,))
except GradcheckError as e:
    print(str(e).splitlines()[0])
#> Jacobian mismatch for output 0 with respect to input 0,
# --8<-- [end:wrong]

# --8<-- [start:right]
class Sin(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.sin(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.cos(x)


print(gradcheck(Sin.apply, (x,)))
#> True
# --8<-- [end:right]
