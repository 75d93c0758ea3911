from snippets.training.fit import (
    accuracy, device, fit, spiral_model, x_test, x_train, y_test, y_train)

# --8<-- [start:dropout]
import torch
from torch import nn

model = spiral_model(dropout=0.3)  # Dropout(0.3) after each hidden ReLU
fit(model, x_train, y_train, steps=300)  # fit() leaves the model in train mode
torch.manual_seed(0)
in_train_mode = [accuracy(model, x_test, y_test) for _ in range(3)]  # (1)!
model.eval()
in_eval_mode = [accuracy(model, x_test, y_test) for _ in range(3)]
print("train mode, the same accuracy every call:", len(set(in_train_mode)) == 1)
#> train mode, the same accuracy every call: False
print("eval mode, the same accuracy every call: ", len(set(in_eval_mode)) == 1)
#> eval mode, the same accuracy every call:  True
print("every train-mode call scores lower:",
      max(in_train_mode) < in_eval_mode[0])
#> every train-mode call scores lower: True
# --8<-- [end:dropout]

# --8<-- [start:batchnorm]
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 8), nn.BatchNorm1d(8), nn.ReLU(),
                    nn.Linear(8, 2)).to(device)
a, b = x_test[:4].to(device), x_test[4:8].to(device)
first_in_a = net(a)[0]  # example 0 inside batch a
first_in_ab = net(torch.cat([a, b]))[0]  # the same example, in a larger batch
print("train mode, same example:", torch.allclose(first_in_a, first_in_ab))
#> train mode, same example: False
try:
    net(a[:1])  # a batch of one example
except ValueError as error:
    print(error)
#> Expected more than 1 value per channel when training, got input size torch.Size([1, 8])
net.eval()  # running statistics: each example on its own
same = torch.allclose(net(a)[0], net(torch.cat([a, b]))[0])
print("eval mode, same example: ", same, tuple(net(a[:1]).shape))
#> eval mode, same example:  True (1, 2)
# --8<-- [end:batchnorm]
