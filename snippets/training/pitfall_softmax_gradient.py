# --8<-- [start:gradient]
import torch
import torch.nn.functional as F

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

rows = {  # two logits per example; the true class is 0 for all three
    "confident, right": [6.0, 0.0],
    "unsure": [0.5, 0.0],
    "confident, wrong": [0.0, 6.0],
}
z = torch.tensor(list(rows.values()), device=device, requires_grad=True)
y = torch.zeros(3, dtype=torch.long, device=device)
grads = {}
for mistake in (False, True):
    z.grad = None
    out = z.softmax(dim=1) if mistake else z  # (1)!
    F.cross_entropy(out, y, reduction="sum").backward()
    grads[mistake] = z.grad.norm(dim=1)  # the push on each row's logits

p = z.detach().softmax(dim=1)
print("example           p(true)  on logits  on probabilities  p0·p1")
#> example           p(true)  on logits  on probabilities  p0·p1
for i, name in enumerate(rows):
    jacobian = p[i, 0].item() * p[i, 1].item()  # (2)!
    print(f"{name:16}  {p[i, 0].item():7.3f}  {grads[False][i].item():9.4f}"
          f"  {grads[True][i].item():16.4f}  {jacobian:.4f}")
#> confident, right    0.998     0.0035            0.0019  0.0025
#> unsure              0.622     0.5339            0.2918  0.2350
#> confident, wrong    0.002     1.4107            0.0051  0.0025
ratio = (grads[False][2] / grads[True][2]).item()
print(f"confident, wrong: {round(ratio, -1):.0f} times less on probabilities")
#> confident, wrong: 280 times less on probabilities
wrong_right = (grads[True][2] / grads[True][0]).item()
print(f"on probabilities, wrong / right: {wrong_right:.1f} times the push")
#> on probabilities, wrong / right: 2.7 times the push
# --8<-- [end:gradient]
