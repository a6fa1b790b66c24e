"""Keep the renderer's imports lean.

python-pptx imports ``xml.sax.saxutils``, which imports ``urllib.request`` (and
with it http.client, email, ssl, socket) for one function python-pptx never
calls: about 50 ms. A stand-in module takes such a module's place until an attribute of it is first used (PEP
562 ``__getattr__``); it then imports the real module, so a later real use gets
the real thing.

(importlib.util.LazyLoader does not help here: on Python 3.11 the import
statement itself touches ``__spec__`` of a module found in sys.modules, which
makes a lazy module load at once.)
"""

from __future__ import annotations

import importlib
import sys
import types


class _StandIn(types.ModuleType):
    def __getattr__(self, attr: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)  # also rebinds the parent package's attribute
        return getattr(real, attr)


def _stand_in(name: str, *, bind_parent: bool) -> None:
    if name in sys.modules:
        return
    stand_in = sys.modules[name] = _StandIn(name)
    parent, _, child = name.rpartition(".")
    if parent and bind_parent:
        setattr(importlib.import_module(parent), child, stand_in)


def defer_unused_stdlib() -> None:
    """``urllib.request`` loads on first use instead of with python-pptx (idempotent)."""
    _stand_in("urllib.request", bind_parent=True)

