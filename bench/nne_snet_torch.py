"""PyTorch baseline for `make bench` (nne): one SpectralNet training epoch
as bench/bench_snet.c runs it, written as a PyTorch user would: the thesis'
Table 2 network (Linear 128, 64, 32 with ELU and Dropout 0.2, Linear k with
tanh, then the orthonormalisation layer whose weights sqrt(m) L^-T come from
the Cholesky factor of Y^T Y on a separate random batch of 512 points before
every gradient step, in training mode, no gradient through them), the
normalised-Laplacian loss sum_ij W_ij |y_i/sqrt(d_i) - y_j/sqrt(d_j)|^2 / (2m)
on the Gaussian affinity of the batch, RMSprop (lr 1e-4, alpha 0.9, Keras'
eps 1e-7), batch 256, Glorot-uniform init, float32 on the CPU; at the end of
the epoch the full-data loss (evaluation mode, batches of 256 in data order)
for early stopping, as speclab does. Points: n uniform on the unit circle.
Usage: nne_snet_torch.py THREADS N K EPS. Prints "seconds <best of 3 epochs
after a warm-up>"."""
import math
import sys
import time

import torch


class SpectralNet(torch.nn.Module):
    def __init__(self, d, k, hidden=(128, 64, 32), dropout=0.2):
        super().__init__()
        layers, prev = [], d
        for h in hidden:
            layers += [torch.nn.Linear(prev, h), torch.nn.ELU(), torch.nn.Dropout(dropout)]
            prev = h
        layers += [torch.nn.Linear(prev, k), torch.nn.Tanh()]
        self.body = torch.nn.Sequential(*layers)
        for m in self.body:
            if isinstance(m, torch.nn.Linear):
                torch.nn.init.xavier_uniform_(m.weight)
                torch.nn.init.zeros_(m.bias)
        self.register_buffer("ortho", torch.eye(k))

    @torch.no_grad()
    def fit_ortho(self, x):
        y = self.body(x)
        chol = torch.linalg.cholesky(y.T @ y)
        self.ortho = math.sqrt(x.shape[0]) * torch.linalg.inv(chol).T

    def forward(self, x):
        return self.body(x) @ self.ortho


def spectral_loss(x, y, eps):
    w = torch.exp(-torch.cdist(x, x) ** 2 / (2 * eps))
    z = y / torch.sqrt(w.sum(dim=1, keepdim=True))
    return (w * torch.cdist(z, z) ** 2).sum() / (2 * x.shape[0])


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    eps = float(sys.argv[4]) if len(sys.argv) > 4 else 8.33e-6
    torch.manual_seed(0)
    theta = 2 * math.pi * torch.rand(n)
    x = torch.stack([torch.cos(theta), torch.sin(theta)], dim=1)
    model = SpectralNet(2, k)
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.9, eps=1e-7)
    batch, ortho_batch = 256, 512
    best = float("inf")
    for e in range(4):
        t0 = time.perf_counter()
        model.train()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            model.fit_ortho(x[torch.randperm(n)[:ortho_batch]])
            xb = x[perm[i:i + batch]]
            opt.zero_grad()
            loss = spectral_loss(xb, model(xb), eps)
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            val = sum(spectral_loss(x[i:i + batch], model(x[i:i + batch]), eps).item() * len(x[i:i + batch])
                      for i in range(0, n, batch)) / n
        t = time.perf_counter() - t0
        if e > 0:
            best = min(best, t)
    print(f"seconds {best:.4f} loss {val:.4g}")


if __name__ == "__main__":
    main()
