"""The Merkle tree of a log, as Certificate Transparency builds it (RFC 6962 §2.1, RFC 9162 §2.1).

Leaves are the entries' hashes in order. A leaf hashes as SHA-256(0x00 || leaf), an inner node as
SHA-256(0x01 || left || right); a tree of n leaves splits at the largest power of two below n. A
signed checkpoint keeps the root of the first m entries; a consistency proof (a few hashes) shows that
the tree of n entries begins with exactly those m, so an auditor holding an old checkpoint can check a
new one without the log itself. Pure functions over bytes already in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of already leaf-hashed values: pairs combined level by level, an odd last node carried up."""
    if not leaves:
        return EMPTY_ROOT
    level = list(leaves)
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def _split(n: int) -> int:
    """The largest power of two strictly smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def consistency_proof(leaves: Sequence[bytes], m: int) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 6962 §2.1.2 for 0 < m <= n = len(leaves)."""
    if not 0 < m <= len(leaves):
        raise ValueError(f"a consistency proof needs 0 < m <= n, got m={m}, n={len(leaves)}")
    return _subproof(m, leaves, True)


def _subproof(m: int, leaves: Sequence[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [root(leaves)]
    k = _split(n)
    if m <= k:
        return _subproof(m, leaves[:k], complete) + [root(leaves[k:])]
    return _subproof(m - k, leaves[k:], False) + [root(leaves[:k])]


def verify_consistency(m: int, n: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: does the tree of n leaves with `new_root` extend the tree of m with `old_root`?"""
    if not 0 < m <= n:
        return False
    if m == n:
        return not proof and old_root == new_root
    path = list(proof)
    if m & (m - 1) == 0:  # m is a power of two: the old root is a node of the new tree
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


def prefix_roots(leaves: Sequence[bytes], sizes: Iterable[int]) -> dict[int, bytes]:
    """MTH(D[m]) for every m in `sizes` (1 <= m <= n), in one pass over the leaves: the tree of the first m
    leaves is its perfect subtrees (one per bit of m) folded from the right, so each root costs log m once
    the walk reaches m. A log with a checkpoint every pass has thousands: n·log n, not one tree per checkpoint."""
    wanted = sorted({m for m in sizes if 0 < m <= len(leaves)})
    out: dict[int, bytes] = {}
    stack: list[tuple[int, bytes]] = []  # (size, root) of perfect subtrees, largest first
    at = 0
    for m in wanted:
        for leaf in leaves[at:m]:
            node, size = leaf, 1
            while stack and stack[-1][0] == size:
                node, size = node_hash(stack.pop()[1], node), size * 2
            stack.append((size, node))
        at = m
        folded = stack[-1][1]
        for _, left in reversed(stack[:-1]):
            folded = node_hash(left, folded)
        out[m] = folded
    return out
