# --8<-- [start:engine]
import torch

x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
f = (x + 1) * (2 * x * y) + y.exp()  # x and y both reached along two paths


def graph_of(root):
    """Every node below root, and how many edges lead into each."""
    waiting, stack, seen = {}, [root], {root}
    while stack:
        for child, _ in stack.pop().next_functions:
            if child is not None:
                waiting[child] = waiting.get(child, 0) + 1
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
    return seen, waiting


def tiny_backward(root):
    """Call the real nodes, each once all its gradients have arrived."""
    _, waiting = graph_of(root)
    grad_in = {root: torch.tensor(1.0)}  # df/df = 1
    ready, order, leaf_grads = [root], [], {}
    while ready:
        node = max(ready, key=lambda n: n._sequence_nr())  # (1)!
        ready.remove(node)
        order.append(type(node).__name__)
        grad = grad_in.pop(node)  # the sum of every path into this node
        if hasattr(node, "variable"):  # an AccumulateGrad node: a leaf
            leaf_grads[node.variable] = grad
            continue
        outs = node(grad)  # the node's backward formula, for each input
        outs = outs if isinstance(outs, tuple) else (outs,)
        for (child, _), g in zip(node.next_functions, outs):
            if child is not None:
                grad_in[child] = grad_in.get(child, 0) + g
                waiting[child] -= 1
                if waiting[child] == 0:
                    ready.append(child)
    return order, leaf_grads
# --8<-- [end:engine]


# --8<-- [start:check]
order, leaf_grads = tiny_backward(f.grad_fn)
print(*order, sep="\n")
#> AddBackward0
#> ExpBackward0
#> MulBackward0
#> MulBackward0
#> AccumulateGrad
#> MulBackward0
#> AddBackward0
#> AccumulateGrad

engine_order = []  # what autograd runs, recorded by a hook on every node
for node in graph_of(f.grad_fn)[0]:
    name = type(node).__name__
    node.register_prehook(lambda grad, name=name: engine_order.append(name))
f.backward()
print(order == engine_order)
#> True
print([round(leaf_grads[t].item(), 4) for t in (x, y)])
#> [30.0, 32.0855]
print([round(t.grad.item(), 4) for t in (x, y)])
#> [30.0, 32.0855]
# --8<-- [end:check]
