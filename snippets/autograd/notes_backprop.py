import torch

x = torch.tensor(-3.0, requires_grad=True)
y = torch.tensor(5.0, requires_grad=True)
z = torch.tensor(-2.0, requires_grad=True)

q = x + y
f = q * z

f.backward()

print("Gradient of z is: " + str(z.grad))
#> Gradient of z is: tensor(2.)
print("Gradient of y is: " + str(y.grad))
#> Gradient of y is: tensor(-2.)
print("Gradient of x is: " + str(x.grad))
#> Gradient of x is: tensor(-2.)
