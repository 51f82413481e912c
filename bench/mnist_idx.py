"""Read the MNIST IDX files with NumPy (baselines under bench/ only)."""
import os

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist")


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    nd = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(nd)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def mnist(d=DATA):
    xtr = load(f"{d}/train-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / 255.0
    ytr = load(f"{d}/train-labels-idx1-ubyte").astype(np.int64)
    xte = load(f"{d}/t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / 255.0
    yte = load(f"{d}/t10k-labels-idx1-ubyte").astype(np.int64)
    return xtr, ytr, xte, yte
