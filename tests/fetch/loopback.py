"""A loopback-only HTTP server (http.server in a thread) with routes a test sets up.

It binds 127.0.0.1 on a free port; nothing here talks to any other address.
Routes: ``file`` (a file, with its type; its length told unless a fourth item is
False, then the body ends when the connection closes; a fifth, bytes a second, paces it
like a link of that speed), ``status`` (an error code),
``html`` (a web page where a video should be), ``stall`` (headers and a few bytes,
then nothing until the test ends).
"""

from __future__ import annotations

import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Loopback:
    def __init__(self) -> None:
        self.routes: dict[str, tuple] = {}
        self.requests: list[str] = []
        self.release = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                owner.requests.append(self.path)
                route = owner.routes.get(self.path.split("?")[0])
                if route is None:
                    self._send(404, b"not found", "text/plain")
                    return
                kind = route[0]
                if kind == "file":
                    path, ctype = route[1], route[2]
                    tell_length = route[3] if len(route) > 3 else True
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    if tell_length:
                        self.send_header("Content-Length", str(Path(path).stat().st_size))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    self.end_headers()
                    rate = route[4] if len(route) > 4 else None
                    with open(path, "rb") as fh:
                        if rate is None:
                            shutil.copyfileobj(fh, self.wfile, 1024 * 1024)
                        else:  # bytes a second: a link of that speed, on loopback
                            start, sent = time.monotonic(), 0
                            step = max(1024, min(64 * 1024, int(rate) // 20))  # about 20 sends a second
                            for chunk in iter(lambda: fh.read(step), b""):
                                self.wfile.write(chunk)
                                sent += len(chunk)
                                ahead = sent / rate - (time.monotonic() - start)
                                if ahead > 0:
                                    time.sleep(ahead)
                elif kind == "status":
                    self._send(route[1], b"<html><body>gone</body></html>", "text/html")
                elif kind == "html":
                    self._send(200, b"<!doctype html><html><body><video src=x></video></body></html>",
                               "text/html; charset=utf-8")
                elif kind == "stall":
                    self.send_response(200)
                    self.send_header("Content-Type", "video/mp4")
                    self.send_header("Content-Length", "8192")  # half of it is ever sent
                    self.end_headers()
                    self.wfile.write(route[1][:4096])
                    self.wfile.flush()
                    owner.release.wait(30)
                    self.close_connection = True

            def _send(self, code: int, body: bytes, ctype: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Loopback:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
