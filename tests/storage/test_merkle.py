"""The Merkle tree and consistency proofs against RFC 6962's recursive definitions, every size up to 33."""

from __future__ import annotations

import hashlib

import pytest

from storage import merkle

LEAVES = [merkle.leaf_hash(hashlib.sha256(str(i).encode()).digest()) for i in range(40)]


def _mth(d: list[bytes]) -> bytes:
    """MTH of RFC 6962 §2.1, written as the RFC states it."""
    if len(d) == 1:
        return d[0]
    k = 1
    while k * 2 < len(d):
        k *= 2
    return hashlib.sha256(b"\x01" + _mth(d[:k]) + _mth(d[k:])).digest()


def test_root_is_the_rfc_tree_hash() -> None:
    assert merkle.root([]) == hashlib.sha256(b"").digest()
    for n in range(1, 40):
        assert merkle.root(LEAVES[:n]) == _mth(LEAVES[:n]), n


def test_known_leaf_and_node_hashes() -> None:
    """RFC 6962's domain separation: 0x00 before a leaf, 0x01 before two children."""
    assert merkle.leaf_hash(b"").hex() == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    assert merkle.node_hash(b"a", b"b") == hashlib.sha256(b"\x01ab").digest()


def test_every_consistency_proof_verifies() -> None:
    for n in range(1, 34):
        new = merkle.root(LEAVES[:n])
        for m in range(1, n + 1):
            proof = merkle.consistency_proof(LEAVES[:n], m)
            assert merkle.verify_consistency(m, n, merkle.root(LEAVES[:m]), new, proof), (m, n)
            assert len(proof) <= 2 * n.bit_length()


@pytest.mark.parametrize(("m", "n"), [(1, 2), (3, 7), (4, 8), (6, 17), (13, 33)])
def test_a_changed_old_tree_or_proof_fails(m: int, n: int) -> None:
    proof = merkle.consistency_proof(LEAVES[:n], m)
    old, new = merkle.root(LEAVES[:m]), merkle.root(LEAVES[:n])
    rewritten = [*LEAVES[:n]]
    rewritten[m - 1] = merkle.leaf_hash(b"forged")
    assert not merkle.verify_consistency(m, n, merkle.root(rewritten[:m]), new, proof)
    assert not merkle.verify_consistency(m, n, old, merkle.root(rewritten), proof)
    assert not merkle.verify_consistency(m + 1, n, old, new, proof) or m + 1 == n
    if proof:
        assert not merkle.verify_consistency(m, n, old, new, [*proof[:-1], merkle.leaf_hash(b"x")])
        assert not merkle.verify_consistency(m, n, old, new, proof[:-1])
    assert not merkle.verify_consistency(m, n, old, new, [*proof, proof[0] if proof else old])


def test_prefix_roots_are_the_rfc_tree_hash_of_every_prefix() -> None:
    roots = merkle.prefix_roots(LEAVES, [*range(0, 42), 7, 7])
    assert sorted(roots) == list(range(1, 41))
    for m, value in roots.items():
        assert value == _mth(LEAVES[:m]), m
    assert merkle.prefix_roots(LEAVES, [13]) == {13: _mth(LEAVES[:13])}
