"""PyTorch baseline for `make bench` (issue 3): one epoch of the msd Fig. 7
network 784 -> 1000 (linear) -> 120 (ReLU) -> 10, spectral layers with only
the destination eigenvalues trained, batch 500, Adamax lr 0.01, float32 on the
CPU with 2 threads, written as a PyTorch user would. Best of 3 epochs."""
import sys
import time

import torch

from mnist_idx import mnist


class Spectral(torch.nn.Module):
    """W = phi * (lam_in - lam_out): the block of Phi Lambda Phi^-1 between layers."""

    def __init__(self, n, m, first):
        super().__init__()
        self.phi = torch.nn.Parameter(torch.empty(m, n).uniform_(-0.5, 0.5), requires_grad=False)
        lam_in = torch.empty(n).uniform_(-0.01, 0.01) if first else torch.ones(n)
        self.lam_in = torch.nn.Parameter(lam_in, requires_grad=False)
        self.lam_out = torch.nn.Parameter(torch.empty(m).uniform_(-0.01, 0.01))

    def forward(self, x):
        return x @ (self.phi * (self.lam_in[None, :] - self.lam_out[:, None])).T


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    torch.manual_seed(0)
    xtr, ytr, _, _ = (torch.from_numpy(a) for a in mnist())
    model = torch.nn.Sequential(Spectral(784, 1000, True), Spectral(1000, 120, False), torch.nn.ReLU(),
                                Spectral(120, 10, False))
    opt = torch.optim.Adamax([p for p in model.parameters() if p.requires_grad], lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        perm = torch.randperm(xtr.shape[0])
        for i in range(0, xtr.shape[0], 500):
            idx = perm[i:i + 500]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
        best = min(best, time.perf_counter() - t0)
    print(f"seconds {best:.4f}")


if __name__ == "__main__":
    main()
