# --8<-- [start:define]
import torch
from torch import nn


class ImageClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()  # [B, 1, 28, 28] -> [B, 784]
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 512)
        self.output = nn.Linear(512, 10)
        self.relu = nn.ReLU()  # (1)!

    def forward(self, x):
        x = self.flatten(x)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.output(x)  # (2)!


device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
classifier = ImageClassifier().to(device)
images = torch.rand(4, 1, 28, 28).to(device)  # a batch of 4 fake gray images

logits = classifier(images)
print(tuple(logits.shape), [round(v, 3) for v in logits[0, :3].tolist()])
#> (4, 10) [0.135, 0.156, 0.077]
print(" ".join(classifier.state_dict()))
#> fc1.weight fc1.bias fc2.weight fc2.bias output.weight output.bias
# --8<-- [end:define]

# --8<-- [start:load]
torch.manual_seed(1)  # another seed: different random weights
seq_copy = nn.Sequential(
    nn.Flatten(),
    nn.Linear(784, 512), nn.ReLU(),
    nn.Linear(512, 512), nn.ReLU(),
    nn.Linear(512, 10),
).to(device)
try:
    seq_copy.load_state_dict(classifier.state_dict())
except RuntimeError as error:
    # the keys it wanted, and the keys it got
    for line in str(error).splitlines()[:3]:
        print(", ".join(line.strip().split(", ")[:2]))
#> Error(s) in loading state_dict for Sequential:
#> Missing key(s) in state_dict: "1.weight", "1.bias"
#> Unexpected key(s) in state_dict: "fc1.weight", "fc1.bias"

wanted, tensors = seq_copy.state_dict(), classifier.state_dict().values()
renamed = dict(zip(wanted, tensors))  # (1)!
print(seq_copy.load_state_dict(renamed))
#> <All keys matched successfully>
print(torch.equal(seq_copy(images), classifier(images)))
#> True
# --8<-- [end:load]
