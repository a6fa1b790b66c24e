"""Keep python-pptx's import lean.

python-pptx imports ``xml.sax.saxutils``, which imports ``urllib.request`` (and
with it http.client, email, ssl, socket) for one function python-pptx never
calls: about 50 ms of every ``bundle preview``. A stand-in module takes its place
until an attribute of it is first used (PEP 562 ``__getattr__``); it then imports
the real module, so a later real use gets the real thing.

(importlib.util.LazyLoader does not help here: on Python 3.11 the import
statement itself touches ``__spec__`` of a module found in sys.modules, which
makes a lazy module load at once.)
"""

from __future__ import annotations

import importlib
import sys
import types

_DEFERRED = ("urllib.request",)


class _StandIn(types.ModuleType):
    def __getattr__(self, attr: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)  # also rebinds the parent package's attribute
        return getattr(real, attr)


def defer_unused_stdlib() -> None:
    """Put stand-ins for the modules above into sys.modules (idempotent)."""
    for name in _DEFERRED:
        if name in sys.modules:
            continue
        parent, _, child = name.rpartition(".")
        stand_in = sys.modules[name] = _StandIn(name)
        if parent:
            setattr(importlib.import_module(parent), child, stand_in)
