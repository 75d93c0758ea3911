# --8<-- [start:control]
import torch


def g(x):
    if x > 0:  # a Python if, decided by the value of x
        y = 3 * x
    else:
        y = -x
    for _ in range(2):  # a Python loop: two more multiplications
        y = y * x
    return y  # 3x^3 for x > 0, -x^3 otherwise


def chain(node):
    """The names along the first input of each node, from the output down."""
    names = []
    while node is not None:
        names.append(type(node).__name__.removesuffix("Backward0"))
        node = node.next_functions[0][0] if node.next_functions else None
    return " <- ".join(names)


for value in (2.0, -2.0):
    x = torch.tensor(value, requires_grad=True)
    y = g(x)
    y.backward()
    print(f"x={value}: g={y.item()}, dg/dx={x.grad.item()}")
    print("  graph:", chain(y.grad_fn))
#> x=2.0: g=24.0, dg/dx=36.0
#>   graph: Mul <- Mul <- Mul <- AccumulateGrad
#> x=-2.0: g=8.0, dg/dx=-12.0
#>   graph: Mul <- Mul <- Neg <- AccumulateGrad
# --8<-- [end:control]
