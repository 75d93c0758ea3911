# %% [markdown]
# # Lab: build and run a network
#
# This lab is being written.

# %%
import torch

assert torch.nn.Linear(2, 3).weight.shape == (3, 2)
