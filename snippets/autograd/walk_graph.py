# --8<-- [start:build]
import torch

x = torch.tensor(-3.0, requires_grad=True)
y = torch.tensor(5.0, requires_grad=True)
z = torch.tensor(-2.0, requires_grad=True)

q = x + y
f = q * z

print(f.grad_fn.name(), q.grad_fn.name())
#> MulBackward0 AddBackward0
print(x.grad_fn, x.is_leaf)
#> None True
# --8<-- [end:build]

# --8<-- [start:walk]
def walk(node, depth=0):
    """Print every node of a backward graph, depth first, output down."""
    print("    " * depth + type(node).__name__)
    for next_node, _ in node.next_functions:
        if next_node is not None:
            walk(next_node, depth + 1)


walk(f.grad_fn)
#> MulBackward0
#>     AddBackward0
#>         AccumulateGrad
#>         AccumulateGrad
#>     AccumulateGrad
# --8<-- [end:walk]

# --8<-- [start:leaf]
accumulate_x = q.grad_fn.next_functions[0][0]
print(type(accumulate_x).__name__, accumulate_x.variable is x)
#> AccumulateGrad True
# --8<-- [end:leaf]

# --8<-- [start:unrecorded]
with torch.no_grad():
    g = q * z  # recording switched off for the block
unrecorded = {
    "q * z under no_grad": g,
    "f > 0": f > 0,
    "q.argmax()": q.argmax(),
    "torch.zeros_like(f)": torch.zeros_like(f),
}
for name, t in unrecorded.items():
    print(f"{name:20} grad_fn={t.grad_fn} requires_grad={t.requires_grad}")
#> q * z under no_grad  grad_fn=None requires_grad=False
#> f > 0                grad_fn=None requires_grad=False
#> q.argmax()           grad_fn=None requires_grad=False
#> torch.zeros_like(f)  grad_fn=None requires_grad=False
# --8<-- [end:unrecorded]
