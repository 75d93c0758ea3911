from snippets.training.fixed_nets import show

# --8<-- [start:relu]
show("sigmoid")
#> sigmoid                layer 1 3.0e-17  layer 20 2.3e-01  ratio 1.3e-16
show("ReLU")
#> ReLU                   layer 1 9.8e-09  layer 20 2.5e-02  ratio 3.9e-07
# --8<-- [end:relu]

# --8<-- [start:init]
show("ReLU + Kaiming init")
#> ReLU + Kaiming init    layer 1 3.7e-01  layer 20 1.2e+00  ratio 3.0e-01
show("tanh + Xavier init")
#> tanh + Xavier init     layer 1 3.0e+00  layer 20 7.0e-01  ratio 4.3e+00
show("sigmoid + Xavier init")
#> sigmoid + Xavier init  layer 1 1.7e-09  layer 20 1.3e+00  ratio 1.3e-09
# --8<-- [end:init]

# --8<-- [start:norm]
show("ReLU + LayerNorm")
#> ReLU + LayerNorm       layer 1 2.5e-01  layer 20 3.2e-01  ratio 7.8e-01
show("sigmoid + LayerNorm")
#> sigmoid + LayerNorm    layer 1 3.4e-09  layer 20 2.2e-01  ratio 1.6e-08
# --8<-- [end:norm]

# --8<-- [start:residual]
show("ReLU + residual")
#> ReLU + residual        layer 1 5.0e+00  layer 20 3.3e+02  ratio 1.5e-02
show("sigmoid + residual")
#> sigmoid + residual     layer 1 9.0e-02  layer 20 5.1e+01  ratio 1.8e-03
# --8<-- [end:residual]
