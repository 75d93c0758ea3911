# --8<-- [start:log_of]
import torch
import torch.nn.functional as F

z = torch.tensor([[0.0, 120.0]])  # a confident (and wrong, if class 0) row
print(torch.softmax(z, dim=1).tolist())  # p(class 0) underflows to 0
#> [[0.0, 1.0]]
print(torch.log(torch.softmax(z, dim=1)).tolist())  # naive: log(0)
#> [[-inf, 0.0]]
print(torch.log_softmax(z, dim=1).tolist())  # fused: z - logsumexp(z)
#> [[-120.0, 0.0]]

logit = torch.tensor([-120.0])  # binary: one logit
print(torch.log(torch.sigmoid(logit)).item(), F.logsigmoid(logit).item())
#> -inf -120.0
# --8<-- [end:log_of]

# --8<-- [start:grad]
for name, log_p in [("log(softmax)", lambda v: torch.log(v.softmax(1))),
                    ("log_softmax ", lambda v: v.log_softmax(1))]:
    z = torch.tensor([[0.0, 120.0]], requires_grad=True)
    loss = -log_p(z)[0, 0]  # the loss if the true class is 0
    loss.backward()
    print(f"{name}: loss {loss.item()}, grad {z.grad.tolist()}")
#> log(softmax): loss inf, grad [[nan, nan]]
#> log_softmax : loss 120.0, grad [[-1.0, 1.0]]
# --8<-- [end:grad]
