import torch

from snippets.images.fashion import order, train_set, training_data

# --8<-- [start:same]
image, label = training_data[order[0].item()]  # one image through ToTensor()
x, y = train_set[0]  # the same image, from the tensor made once
print(x.shape, x.dtype, torch.equal(image, x), label == y.item())
#> torch.Size([1, 28, 28]) torch.float32 True True
print(all(torch.equal(training_data[i][0], train_set[k][0])
          for k, i in enumerate(order[:1000].tolist())))  # all 1,000
#> True
# --8<-- [end:same]
