# --8<-- [start:nudge]
def f(x, y, z):
    return (x + y) * z


x, y, z, h = -3.0, 5.0, -2.0, 0.001
base = f(x, y, z)
rates = [
    (f(x + h, y, z) - base) / h,  # nudge x alone
    (f(x, y + h, z) - base) / h,  # nudge y alone
    (f(x, y, z + h) - base) / h,  # nudge z alone
]
print(base, [round(r, 4) for r in rates])
#> -4.0 [-2.0, -2.0, 2.0]
# --8<-- [end:nudge]
