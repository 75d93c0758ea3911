# --8<-- [start:save]
import torch

from snippets.images.fashion import NeuralNetwork, device, fit, test_data

model, _ = fit(lambda p: torch.optim.Adam(p, lr=1e-3), epochs=1,
               validate=False)
state = model.state_dict()  # (1)!
print(type(state).__name__, len(state))
#> OrderedDict 6
for key, tensor in state.items():
    print(f"  {key:28} {str(tuple(tensor.shape)):11} {tensor.dtype}")
#>   linear_relu_stack.0.weight   (512, 784)  torch.float32
#>   linear_relu_stack.0.bias     (512,)      torch.float32
#>   linear_relu_stack.2.weight   (512, 512)  torch.float32
#>   linear_relu_stack.2.bias     (512,)      torch.float32
#>   linear_relu_stack.4.weight   (10, 512)   torch.float32
#>   linear_relu_stack.4.bias     (10,)       torch.float32

torch.save(state, "model_weights.pth")  # (2)!
# --8<-- [end:save]

# --8<-- [start:load]
fresh = NeuralNetwork().to(device)  # (1)!
weights = torch.load("model_weights.pth", weights_only=True,
                     map_location=device)  # (2)!
print(fresh.load_state_dict(weights))
#> <All keys matched successfully>
fresh.eval()  # (3)!
same = all(torch.equal(a, b) for a, b in
           zip(fresh.state_dict().values(), model.state_dict().values()))
print(same)
#> True
# --8<-- [end:load]

# --8<-- [start:refuse]
import textwrap

torch.save(model, "model.pth")  # (1)!
for weights_only in (True, None):  # None: torch.load's default
    try:
        torch.load("model.pth", weights_only=weights_only)
    except Exception as error:
        print(weights_only, type(error).__name__)
        reason = next(line for line in str(error).splitlines()
                      if "Unsupported global" in line)
        reason = reason.split(". ")[0].split("error: ")[1]
#> True UnpicklingError
#> None UnpicklingError
print(textwrap.fill(reason, 72))
#> Unsupported global: GLOBAL snippets.images.fashion.NeuralNetwork was not
#> an allowed global by default
# --8<-- [end:refuse]

# --8<-- [start:pickle]
class Surprise:
    def __reduce__(self):  # (1)!
        return print, ("this ran while loading the file",)


torch.save({"weights": torch.zeros(2), "extra": Surprise()}, "surprise.pth")
torch.load("surprise.pth", weights_only=False)  # (2)!
#> this ran while loading the file
try:
    torch.load("surprise.pth", weights_only=True)
except Exception as error:
    print(type(error).__name__, "- nothing ran")
#> UnpicklingError - nothing ran
# --8<-- [end:pickle]

# --8<-- [start:predict]
image, label = test_data[0]  # a [1, 28, 28] tensor: one channel, no batch
batch = image.unsqueeze(0).to(device)  # (1)!
print(tuple(image.shape), "->", tuple(batch.shape))
#> (1, 28, 28) -> (1, 1, 28, 28)
with torch.no_grad():
    logits = fresh(batch)
probabilities = logits.softmax(dim=1)[0]  # (2)!
best = probabilities.argmax().item()
classes = test_data.classes
print(f"predicted {classes[best]} ({probabilities[best].item():.2f}),"
      f" labelled {classes[label]}")
#> predicted Ankle boot (0.49), labelled Ankle boot
# --8<-- [end:predict]

# --8<-- [start:no_batch]
with torch.no_grad():
    print(tuple(fresh(image.to(device)).shape))  # (1)!
    #> (1, 10)
    try:
        fresh(image[0].to(device))  # a [28, 28] image: no channel either
    except RuntimeError as error:
        print(error)
#> mat1 and mat2 shapes cannot be multiplied (28x28 and 784x512)
# --8<-- [end:no_batch]
