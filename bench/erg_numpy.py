"""NumPy baseline for `make bench` (issue 4): CUE, COE and CSE generation and
eigenvalues at N = 1024, 4 matrices per ensemble, the published (bristol)
construction written as its users write it (np.linalg.eig, numpy's
elementwise products), float64/complex128, 2 BLAS threads. Prints seconds per
ensemble, the best of ROUNDS (argument, default 1)."""
import sys
import time

import numpy as np


def cue(n, rng):
    g = np.exp(1j * rng.uniform(1.0, 2 * np.pi, n))          # numpy's uniform(2*pi): between 1 and 2 pi
    a, b = rng.random((n, n)), rng.random((n, n))
    h = 0.5 * (a + 1j * b + a.T - 1j * b.T)
    _, u = np.linalg.eig(h)
    return g * u


def coe(n, rng):
    u = cue(n, rng)
    return u.T * u


def cse(n, rng):
    z = np.kron(np.eye(n), np.array([[0, 1], [-1, 0]]))
    u = cue(2 * n, rng)
    return (z * u.T * z) * u


def main():
    # `erg_numpy.py [ROUNDS]`: the best of ROUNDS runs of the same matrices
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    best = {}
    for _ in range(rounds):
        rng = np.random.default_rng(997123)
        for name, gen in (("CUE", cue), ("COE", coe), ("CSE", cse)):
            t0 = time.perf_counter()
            for _ in range(4):
                np.linalg.eigvals(gen(1024, rng))
            t = time.perf_counter() - t0
            best[name] = min(t, best.get(name, t))
    for name, t in best.items():
        print(f"{name} {t:.3f}")


if __name__ == "__main__":
    main()
