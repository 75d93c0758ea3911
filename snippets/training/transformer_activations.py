# --8<-- [start:activations]
from torch import nn

for activation in ("relu", "gelu", "elu"):
    try:
        nn.TransformerEncoderLayer(d_model=8, nhead=2, activation=activation)
        print(f"{activation}: accepted")
    except RuntimeError as error:
        print(f"{activation}: {error}")
#> relu: accepted
#> gelu: accepted
#> elu: activation should be relu/gelu, not elu
# --8<-- [end:activations]
