"""Juror and coordinator identities: Ed25519 key pairs, public key files, rosters."""
