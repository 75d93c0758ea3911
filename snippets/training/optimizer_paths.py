# --8<-- [start:surfaces]
import torch


def ravine(p):  # a valley 20 times steeper across than along
    return p[0] ** 2 / 20 + p[1] ** 2


def saddle(p):  # a saddle at (0, 0), minima at (0, 1) and (0, -1)
    return p[0] ** 2 + p[1] ** 4 / 4 - p[1] ** 2 / 2


OPTIMIZERS = {
    "SGD": lambda ps: torch.optim.SGD(ps, lr=0.1),
    "momentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    "Nesterov": lambda ps: torch.optim.SGD(
        ps, lr=0.1, momentum=0.9, nesterov=True),
    "Adam": lambda ps: torch.optim.Adam(ps, lr=0.1),
}
# --8<-- [end:surfaces]

# --8<-- [start:race]
SURFACES = {"ravine": (ravine, (-4.0, 1.0), 0.0),  # (1)!
            "saddle": (saddle, (1.5, 0.001), -0.25)}
paths = {}
print("steps to get within 1e-3 of the minimum")
#> steps to get within 1e-3 of the minimum
for surface, (f, start, lowest) in SURFACES.items():
    reached = []
    for name, make in OPTIMIZERS.items():
        p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
        optimizer = make([p])
        paths[surface, name], first = [start], None
        for step in range(1, 201):
            optimizer.zero_grad()
            f(p).backward()
            optimizer.step()
            paths[surface, name].append(tuple(p.tolist()))
            if first is None and f(p).item() - lowest < 1e-3:
                first = step  # (2)!
        reached.append(f"{name} {first or '> 200'}")
    print(f"{surface}:", ", ".join(reached))
#> ravine: SGD > 200, momentum 57, Nesterov 23, Adam 61
#> saddle: SGD 85, momentum 75, Nesterov 24, Adam 42
# --8<-- [end:race]
