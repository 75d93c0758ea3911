# --8<-- [start:raw]
import torch

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

logits = torch.tensor(
    [
        [2.0, -1.0, 0.5, 0.1],  # example 0: scores for classes 0, 1, 2, 3
        [-0.3, 0.8, 4.0, -2.0],  # example 1
        [1.2, 1.1, -0.5, 3.3],  # example 2
    ]
).to(device)
print(tuple(logits.shape))  # [batch_size, classes]
#> (3, 4)
print([round(s, 4) for s in logits.sum(dim=1).tolist()])
#> [1.6, 2.5, 5.1]
# --8<-- [end:raw]

# --8<-- [start:softmax]
probs = torch.softmax(logits, dim=1)  # (1)!
for row in probs.tolist():
    print([round(p, 4) for p in row])
#> [0.703, 0.035, 0.1569, 0.1051]
#> [0.0128, 0.0386, 0.9462, 0.0023]
#> [0.0975, 0.0882, 0.0178, 0.7964]
print([round(s, 4) for s in probs.sum(dim=1).tolist()])
#> [1.0, 1.0, 1.0]

exps = torch.exp(logits)
# e^{z_i} / sum_j e^{z_j}, row by row
by_hand = exps / exps.sum(dim=1, keepdim=True)
assert torch.allclose(by_hand, probs)
# --8<-- [end:softmax]

# --8<-- [start:dim0]
wrong = torch.softmax(logits, dim=0)  # normalizes each class over the batch
print([round(s, 4) for s in wrong.sum(dim=0).tolist()])
#> [1.0, 1.0, 1.0, 1.0]
print([round(s, 4) for s in wrong.sum(dim=1).tolist()])
#> [0.779, 1.4274, 1.7936]
# --8<-- [end:dim0]

# --8<-- [start:argmax]
predicted = logits.argmax(dim=1)  # the index of the largest score in each row
print(predicted.tolist())
#> [0, 2, 3]
assert torch.equal(predicted, probs.argmax(dim=1))  # (1)!
# --8<-- [end:argmax]
