"""PyTorch baseline for `make bench` (afr): one training epoch of the afr
MNIST 0/1 network 784-100-100-50-2, every layer spectral with w_ji =
lam_i phi_ji (destination eigenvalues 0), lam and phi trained, ReLU, L2 on
the first layer's lam and phi (Keras convention c * sum(theta^2)), Adam
lr 1e-4, batch from argv, float32 on the CPU, written as a PyTorch user
would. Usage: afr_torch.py THREADS BATCH. Best of 3 epochs after a warm-up."""
import sys
import time

import numpy as np
import torch

from mnist_idx import mnist


class Spectral(torch.nn.Module):
    def __init__(self, n, m):
        super().__init__()
        self.phi = torch.nn.Parameter(torch.empty(m, n).uniform_(-0.1, 0.1))
        self.lam = torch.nn.Parameter(torch.ones(n))

    def forward(self, x):
        return x @ (self.phi * self.lam[None, :]).T


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    torch.manual_seed(0)
    xtr, ytr, _, _ = mnist()
    keep = (ytr == 0) | (ytr == 1)
    x, y = torch.from_numpy(xtr[keep]), torch.from_numpy(ytr[keep])
    n = x.shape[0] - x.shape[0] // 10
    x, y = x[:n], y[:n]
    dims = [784, 100, 100, 50, 2]
    layers = []
    for i in range(4):
        layers.append(Spectral(dims[i], dims[i + 1]))
        if i < 3:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    first = model[0]
    opt = torch.optim.Adam(model.parameters(), lr=1e-4, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    best = float("inf")
    for e in range(4):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss = loss + 1e-3 * (first.lam ** 2).sum() + 1e-3 * (first.phi ** 2).sum()
            loss.backward()
            opt.step()
        t = time.perf_counter() - t0
        if e > 0:
            best = min(best, t)
    print(f"seconds {best:.4f}")


if __name__ == "__main__":
    main()
