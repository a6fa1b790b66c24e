"""``judgebox keys new``: make a person's key pair (private key encrypted, public .pub to share)."""

from __future__ import annotations

import argparse
from pathlib import Path

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.keys import generate_key, passphrase_from_env_or_prompt, save_key

#: role -> file stem in --out DIR (juror.key / juror.pub, as the README's `keys new` shows)
STEMS = {"juror": "juror", "coordinator": "coordinator", "field": "field"}


def run_new(args: argparse.Namespace) -> int:
    """Make DIR/<role>.key (mode 0600, passphrase-encrypted) and DIR/<role>.pub; print the fingerprint."""
    role = getattr(args, "role", None) or "juror"
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise ValidationError(_("--out must be a folder"), file=out)
    stem = STEMS[role]
    key_path, pub_path = out / f"{stem}.key", out / f"{stem}.pub"
    for existing in (key_path, pub_path):
        if existing.exists():
            # Overwriting a key silently would orphan every file signed with it.
            raise ValidationError(_("already exists; refusing to replace a key (choose another --out)"),
                                  file=existing)
    key = generate_key(args.name, args.affiliation or "", role)
    passphrase = passphrase_from_env_or_prompt(_("Passphrase for the new key: "), confirm=True, new=True)
    save_key(key, key_path, pub_path, passphrase)
    ident = key.identity
    print(_("Key made for {name}", name=ident.name) + (f" ({ident.affiliation})" if ident.affiliation else ""))
    print(_("private key: {path} (keep it secret; needs the passphrase)", path=key_path))
    print(_("public key:  {path} (give it to the coordinator)", path=pub_path))
    print(_("fingerprint: {fp}", fp=ident.fingerprint))
    return 0
