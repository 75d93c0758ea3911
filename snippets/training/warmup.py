from snippets.training.splits import model64, train_loop, warmup_cosine, x_tr

# --8<-- [start:warmup]
import torch

from snippets.training.probes import dead_units

curves, dead = {}, {}
for lr in (0.01, 0.1):
    for name in ("constant", "warm-up"):
        model = model64()
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        schedule = (torch.optim.lr_scheduler.LambdaLR(
            optimizer, warmup_cosine(20, 300)) if name == "warm-up" else None)
        losses, best = train_loop(model, optimizer, schedule=schedule)
        curves[lr, name] = losses["train"]
        dead[lr, name] = sum(int(m.sum()) for m in dead_units(model, x_tr))
        print(f"lr {lr:<4} {name:8}  highest loss, steps 1-10: "
              f"{max(losses['train'][:10]):.1f}  lowest validation loss: "
              f"{best[0]:.1f}")
#> lr 0.01 constant  highest loss, steps 1-10: 0.7  lowest validation loss: 0.2
#> lr 0.01 warm-up   highest loss, steps 1-10: 0.7  lowest validation loss: 0.2
#> lr 0.1  constant  highest loss, steps 1-10: 3.4  lowest validation loss: 0.3
#> lr 0.1  warm-up   highest loss, steps 1-10: 0.7  lowest validation loss: 0.2
constant, warm = dead[0.1, "constant"], dead[0.1, "warm-up"]  # (1)!
print("lr 0.1, dead units of 128: constant over 70:", constant > 70,
      "| warm-up 30 to 60:", 30 < warm < 60)
#> lr 0.1, dead units of 128: constant over 70: True | warm-up 30 to 60: True
# --8<-- [end:warmup]
