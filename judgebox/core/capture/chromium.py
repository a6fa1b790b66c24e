"""A real browser engine: headless Chromium driven over the DevTools protocol.

One browser process serves every page of a capture (starting Chromium costs
about a second). It is driven through ``--remote-debugging-pipe`` — file
descriptors 3 and 4, NUL-separated JSON — so nothing listens on a port and no
websocket library is needed. Per page: navigate, wait for the load event and a
quiet network (bounded), measure the content height, take one full-page PNG,
and sum the bytes of every response (page weight with subresources).

POSIX only (the pipe needs descriptors 3 and 4 in the child); elsewhere the
capture degrades to the HTML-only engine.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--disable-dev-shm-usage", "--remote-debugging-pipe")


def find_chromium() -> str | None:
    """The browser to use: ``JUDGEBOX_CHROMIUM`` ("none" disables it), else the first on PATH."""
    if os.name != "posix":
        return None
    wanted = os.environ.get("JUDGEBOX_CHROMIUM", "").strip()
    if wanted.lower() in ("none", "off", "0"):
        return None
    if wanted:
        return wanted if Path(wanted).is_file() else shutil.which(wanted)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Shot:
    png: bytes
    status: int | None
    bytes: int  # every response body of the page, as transferred
    requests: int
    load_ms: int
    height: int  # CSS pixels of the whole page
    cut: bool  # taller than the image limit
    note: str = ""
    location: str = ""  # where the browser ended up (scripts may move a page elsewhere)


class ChromiumSession:
    """A headless browser for one capture. Use as a context manager."""

    def __init__(self, exe: str, *, extra_args: tuple[str, ...] = (), start_timeout: float = 30.0):
        self.exe = exe
        self._buf = b""
        self._next_id = 0
        self._events: list[dict] = []
        self._profile = tempfile.mkdtemp(prefix="judgebox-chromium-")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the browser
        import fcntl  # POSIX only; find_chromium() gives None elsewhere

        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        child_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(res_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(cmd_r)
        os.close(res_w)

        def wire() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        try:
            self.proc = subprocess.Popen(
                [exe, *FLAGS, *extra_args, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr,
                preexec_fn=wire, close_fds=False)  # noqa: PLW1509 - fds 3/4 must be set before exec
        except OSError as exc:
            self._cleanup()
            raise JudgeBoxError(_("cannot start the browser {exe}: {error}", exe=exe,
                                  error=exc.strerror or str(exc))) from None
        finally:
            os.close(child_r)
            os.close(child_w)
        try:
            self.version = self.call("Browser.getVersion", timeout=start_timeout).get("product", "Chromium")
        except JudgeBoxError:
            self.close()
            raise

    # ------------------------------------------------------------------ protocol

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        self._next_id += 1
        msg_id = self._next_id
        msg: dict = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._cmd_w, data):]
        except OSError:
            raise JudgeBoxError(self._died()) from None
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply is None:
                raise JudgeBoxError(_("the browser did not answer {method} within {seconds} s",
                                      method=method, seconds=f"{timeout:g}"))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise JudgeBoxError(_("the browser refused {method}: {error}", method=method,
                                          error=str(reply["error"].get("message", reply["error"]))[:160]))
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def _receive(self, deadline: float) -> dict | None:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _w, _x = select.select([self._res_r], [], [], left)
            if not ready:
                return None
            chunk = os.read(self._res_r, 1 << 20)
            if not chunk:
                raise JudgeBoxError(self._died())
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def _pump(self, seconds: float) -> None:
        """Collect events for up to ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            msg = self._receive(deadline)
            if msg is None:
                return
            if "method" in msg:
                self._events.append(msg)

    def _died(self) -> str:
        self._stderr.seek(0)
        tail = self._stderr.read()[-400:].decode("utf-8", "replace").strip().splitlines()
        return _("the browser stopped unexpectedly{detail}", detail=(": " + tail[-1][:200]) if tail else "")

    # ------------------------------------------------------------------ pages

    def shoot(self, url: str, *, width: int, max_height: int, timeout: float) -> Shot:
        """Load ``url`` in a fresh tab and take a full-page PNG."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        try:
            sid = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            return self._shoot(sid, url, width, max_height, timeout)
        finally:
            with contextlib.suppress(JudgeBoxError):
                self.call("Target.closeTarget", {"targetId": target}, timeout=10)

    def _shoot(self, sid: str, url: str, width: int, max_height: int, timeout: float) -> Shot:
        self.call("Page.enable", session=sid)
        self.call("Network.enable", session=sid)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=sid)
        self._events.clear()
        started = time.monotonic()
        nav = self.call("Page.navigate", {"url": url}, session=sid, timeout=timeout)
        note = ""
        if nav.get("errorText"):
            note = _("the browser could not load it ({error})", error=nav["errorText"])
        deadline = started + timeout
        loaded = False
        pending: set[str] = set()
        quiet_since = time.monotonic()
        seen = 0
        while time.monotonic() < deadline:
            self._pump(0.1)
            for ev in self._events[seen:]:
                if ev.get("sessionId") != sid:
                    continue
                method = ev["method"]
                rid = ev.get("params", {}).get("requestId")
                if method == "Page.loadEventFired":
                    loaded = True
                elif method == "Network.requestWillBeSent" and rid:
                    pending.add(rid)
                    quiet_since = time.monotonic()
                elif method in ("Network.loadingFinished", "Network.loadingFailed") and rid:
                    pending.discard(rid)
                    quiet_since = time.monotonic()
            seen = len(self._events)
            if (loaded or note) and (not pending or time.monotonic() - quiet_since > 2.0) \
                    and time.monotonic() - quiet_since > 0.3:
                break
        load_ms = int((time.monotonic() - started) * 1000)
        if not loaded and not note:
            note = _("the page had not finished loading after {seconds} s; captured as it was",
                     seconds=f"{timeout:g}")
            with contextlib.suppress(JudgeBoxError):
                self.call("Page.stopLoading", session=sid, timeout=5)
        status = None
        total = 0
        requests = 0
        for ev in self._events:
            if ev.get("sessionId") != sid:
                continue
            p = ev.get("params", {})
            if ev["method"] == "Network.responseReceived" and p.get("type") == "Document" and status is None:
                status = p.get("response", {}).get("status")
            elif ev["method"] == "Network.loadingFinished":
                total += int(p.get("encodedDataLength") or 0)
                requests += 1
        self._events.clear()
        try:
            where = self.call("Runtime.evaluate", {"expression": "location.href", "returnByValue": True},
                              session=sid, timeout=10).get("result", {}).get("value")
        except JudgeBoxError:
            where = None
        metrics = self.call("Page.getLayoutMetrics", session=sid)
        size = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
        height = int(size.get("height") or 900)
        shot_h = max(300, min(height, max_height))
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "fromSurface": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": shot_h, "scale": 1}}, session=sid, timeout=60)
        png = base64.b64decode(shot["data"])
        return Shot(png, status, total, requests, load_ms, height, height > max_height, note,
                    where if isinstance(where, str) else "")

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        proc = getattr(self, "proc", None)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(JudgeBoxError):
                self.call("Browser.close", timeout=5)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        self._cleanup()

    def _cleanup(self) -> None:
        for fd in (getattr(self, "_cmd_w", None), getattr(self, "_res_r", None)):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._cmd_w = self._res_r = None  # type: ignore[assignment]
        self._stderr.close()
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> ChromiumSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
