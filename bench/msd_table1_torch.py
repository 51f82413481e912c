"""PyTorch baseline for `make bench`: one msd-table1 training run, the
spectral perceptron 784 -> 10 with only its eigenvalues trained, 20 epochs,
batch 500, AdaMax lr 0.03, float32 on the CPU with 2 threads -- written the
way a PyTorch user would (a Module computing W = phi * (lam_in - lam_out),
tensors in memory, randperm batches). Prints the training time only."""
import sys
import time

import torch

from mnist_idx import mnist


class Spectral(torch.nn.Module):
    def __init__(self, n, m, train_phi=False):
        super().__init__()
        self.phi = torch.nn.Parameter(torch.empty(m, n).uniform_(-0.5, 0.5), requires_grad=train_phi)
        self.lam_in = torch.nn.Parameter(torch.empty(n).uniform_(-0.01, 0.01))
        self.lam_out = torch.nn.Parameter(torch.empty(m).uniform_(-0.01, 0.01))

    def forward(self, x):
        w = self.phi * (self.lam_in[None, :] - self.lam_out[:, None])
        return x @ w.T


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    torch.manual_seed(0)
    xtr, ytr, xte, yte = (torch.from_numpy(a) for a in mnist())
    loss_fn = torch.nn.CrossEntropyLoss()
    best = float("inf")
    for _ in range(3):  # best of 3, as for speclab
        model = Spectral(784, 10)
        opt = torch.optim.Adamax([p for p in model.parameters() if p.requires_grad], lr=0.03)
        t0 = time.perf_counter()
        for _ in range(20):
            perm = torch.randperm(xtr.shape[0])
            for i in range(0, xtr.shape[0], 500):
                idx = perm[i:i + 500]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(xtr[idx]), ytr[idx])
                loss.backward()
                opt.step()
        best = min(best, time.perf_counter() - t0)
    t = best
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    print(f"seconds {t:.4f}\naccuracy {acc:.4f}")


if __name__ == "__main__":
    main()
