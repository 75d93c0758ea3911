from snippets.training.fixed_nets import SETUPS, measure

# --8<-- [start:summary]
rows = {name: measure(name) for name in SETUPS}
rows["ReLU × 4, clipped to 1"] = measure("ReLU × 4 (exploding)", clip=1.0)
print(f"{'setup':22} {'layer 1':>8} {'layer 20':>8} {'1 / 20':>8}")
#> setup                   layer 1 layer 20   1 / 20
for name, g in rows.items():
    print(f"{name:22} {g[0]:8.1e} {g[19]:8.1e} {g[0] / g[19]:8.1e}")
#> sigmoid                 3.0e-17  2.3e-01  1.3e-16
#> ReLU                    9.8e-09  2.5e-02  3.9e-07
#> ReLU + Kaiming init     3.7e-01  1.2e+00  3.0e-01
#> tanh + Xavier init      3.0e+00  7.0e-01  4.3e+00
#> sigmoid + Xavier init   1.7e-09  1.3e+00  1.3e-09
#> sigmoid + LayerNorm     3.4e-09  2.2e-01  1.6e-08
#> ReLU + LayerNorm        2.5e-01  3.2e-01  7.8e-01
#> sigmoid + residual      9.0e-02  5.1e+01  1.8e-03
#> ReLU + residual         5.0e+00  3.3e+02  1.5e-02
#> ReLU × 4 (exploding)    5.5e+03  4.0e+04  1.4e-01
#> ReLU × 4, clipped to 1  4.4e-02  3.2e-01  1.4e-01
# --8<-- [end:summary]
