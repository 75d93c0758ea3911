# --8<-- [start:like]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

torch.manual_seed(0)
w = torch.tensor([0.5, -1.0, 2.0], device=device, requires_grad=True)
made_from_w = {
    "zeros_like(w)": torch.zeros_like(w),
    "ones_like(w)": torch.ones_like(w),
    "empty_like(w)": torch.empty_like(w),
    "full_like(w, 7)": torch.full_like(w, 7.0),
    "rand_like(w)": torch.rand_like(w),
    "randn_like(w)": torch.randn_like(w),
}
for name, t in made_from_w.items():
    print(f"{name:16} requires_grad={t.requires_grad} is_leaf={t.is_leaf}")
#> zeros_like(w)    requires_grad=False is_leaf=True
#> ones_like(w)     requires_grad=False is_leaf=True
#> empty_like(w)    requires_grad=False is_leaf=True
#> full_like(w, 7)  requires_grad=False is_leaf=True
#> rand_like(w)     requires_grad=False is_leaf=True
#> randn_like(w)    requires_grad=False is_leaf=True

# only w's shape, dtype and device are used; ask for the flag if you want it
fresh = torch.zeros_like(w, requires_grad=True)
print(fresh.requires_grad, fresh.is_leaf)
#> True True
# --8<-- [end:like]
