"""The cache's signature: a keyed hash with a secret that only this user has, kept outside every project folder.

A project folder can be received from anyone (a colleague's archive, a cloned repository, a shared drive), and its
`.kg-cache/` with it. A plain digest only detects damage: anyone with the same release of kg can compute it for a file
of their choosing, and a pickle runs code when it is read. So every file kg reads back from its cache is signed with
a secret made once per user (32 random bytes in `$XDG_CONFIG_HOME/kg/cache-secret`, by default
`~/.config/kg/cache-secret`, readable by its owner only); whatever a folder brings with it fails the check and is
rebuilt, never read. The signature covers the entry it belongs to and the file's name, so a signed file moved to
another entry or another name fails too.

Without a usable secret (no home folder, a secret file others can read or that is not this user's, a secret inside
the project folder) the cache is not used: commands work the same, only slower.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

SECRET_NAME = "cache-secret"
SECRET_SIZE = 32
SIGNATURE_SIZE = 32
_PERSON = b"kg-cache-v1"  # blake2b's personalisation: these signatures are never valid for anything else
_warned: set[str] = set()


def secret_path() -> Path | None:
    """Where this user's secret lives: `$XDG_CONFIG_HOME/kg/cache-secret`, else `~/.config/kg/cache-secret`."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "kg" / SECRET_NAME
    home = os.environ.get("HOME", "").strip() or os.path.expanduser("~")
    if not home or not os.path.isabs(home):
        return None
    return Path(home) / ".config" / "kg" / SECRET_NAME


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"kg: {message}; the cache is not used (commands only run slower)", file=sys.stderr)


def _read_secret(path: Path) -> bytes | None:
    """The secret, if the file is a regular file of this user's that nobody else can read or change."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            _warn_once(f"{path} must be a file of yours that only you can read (chmod 600 {path})")
            return None
        data = os.read(fd, SECRET_SIZE + 1)
    finally:
        os.close(fd)
    if len(data) != SECRET_SIZE:
        _warn_once(f"{path} is not a secret kg made (delete it and kg makes a new one)")
        return None
    return data


def _make_secret(path: Path) -> None:
    """Write a new secret in a file of its own, then link it into place: a command started meanwhile sees either no
    secret or the whole one, never an empty file (FileExistsError if another command made it first)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = path.with_name(f".{SECRET_NAME}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        try:
            os.write(fd, os.urandom(SECRET_SIZE))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(draft, path)
    finally:
        os.unlink(draft)


def user_secret(not_inside: Iterable[Path] = ()) -> bytes | None:
    """This user's secret, made on first use; None when there is no safe one (the cache is then not used).

    `not_inside` are folders the secret must not lie in (the project's): a secret that travels with a project folder
    signs nothing."""
    path = secret_path()
    if path is None:
        return None
    try:
        real = Path(os.path.realpath(path))
        for folder in not_inside:
            folder = Path(os.path.realpath(folder))
            if real == folder or folder in real.parents:
                _warn_once(f"the cache's secret {path} lies inside the project folder {folder}")
                return None
        try:
            return _read_secret(path)
        except FileNotFoundError:
            try:
                _make_secret(path)
            except FileExistsError:  # another command made it meanwhile
                pass
            return _read_secret(path)
    except OSError:
        return None


class Signer:
    """Signs and checks the files of one cache entry (its `scope`, the entry's key) with the user's secret."""

    def __init__(self, secret: bytes, scope: str):
        self._secret = secret
        self._scope = scope.encode("utf-8", "surrogateescape")

    def for_scope(self, scope: str) -> Signer:
        """A signer with the same secret for another entry."""
        return Signer(self._secret, scope)

    def signature(self, name: str, body: bytes | memoryview) -> bytes:
        digest = hashlib.blake2b(key=self._secret, digest_size=SIGNATURE_SIZE, person=_PERSON)
        encoded = name.encode("utf-8", "surrogateescape")
        digest.update(len(self._scope).to_bytes(2, "big") + self._scope)
        digest.update(len(encoded).to_bytes(2, "big") + encoded)
        digest.update(body)
        return digest.digest()

    def signed(self, name: str, body: bytes) -> bytes:
        """`body` with its signature in front, as the file `name` of this entry holds it."""
        return self.signature(name, body) + body

    def unsigned(self, name: str, data: bytes) -> memoryview | None:
        """The body of a file `name` of this entry, or None when its signature is not this user's for it."""
        view = memoryview(data)
        if len(view) < SIGNATURE_SIZE:
            return None
        body = view[SIGNATURE_SIZE:]
        expected = self.signature(name, body)
        return body if _equal(expected, bytes(view[:SIGNATURE_SIZE])) else None


def _equal(a: bytes, b: bytes) -> bool:
    import hmac

    return hmac.compare_digest(a, b)
