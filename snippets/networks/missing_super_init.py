# --8<-- [start:forgot]
from torch import nn


class Forgetful(nn.Module):
    def __init__(self):
        self.fc1 = nn.Linear(10, 20)  # no super().__init__() first


try:
    Forgetful()
except AttributeError as e:
    print(str(e).splitlines()[0])
#> cannot assign module before Module.__init__() call
# --8<-- [end:forgot]
