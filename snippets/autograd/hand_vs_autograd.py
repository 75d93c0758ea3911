# --8<-- [start:hand]
x, y, z = -3.0, 5.0, -2.0

# forward pass, keeping every intermediate value
q = x + y
f = q * z

# backward pass: upstream gradient times local gradient,
# from f down to the inputs
df_df = 1.0
df_dq = df_df * z  # local gradient of f = q*z with respect to q is z
df_dz = df_df * q  # ... and with respect to z is q
df_dx = df_dq * 1.0  # local gradient of q = x+y with respect to x is 1
df_dy = df_dq * 1.0  # ... and with respect to y is 1
print(f"by hand:     dx={df_dx}, dy={df_dy}, dz={df_dz}")
#> by hand:     dx=-2.0, dy=-2.0, dz=2.0
# --8<-- [end:hand]

# --8<-- [start:compare]
import torch

leaves = [torch.tensor(v, requires_grad=True) for v in (-3.0, 5.0, -2.0)]
tx, ty, tz = leaves
((tx + ty) * tz).backward()
dx, dy, dz = (t.grad.item() for t in leaves)
print(f"by autograd: dx={dx}, dy={dy}, dz={dz}")
#> by autograd: dx=-2.0, dy=-2.0, dz=2.0

assert [t.grad.item() for t in leaves] == [df_dx, df_dy, df_dz]
# --8<-- [end:compare]
