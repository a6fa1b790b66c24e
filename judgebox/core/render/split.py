"""`bundle preview` of a cold deck on two cores: this process draws, a forked one rasterises.

In one process, drawing (Python, holding the GIL) and rasterising (PDFium, on a
thread, without the GIL) already overlap, but every call into PDFium must take
the GIL back from the drawing thread. Two processes never wait for each other's
GIL, so a cold deck previews sooner (tests/bench/bench_render.py):
the process forks before importing either side's libraries; the parent reads
the deck (render/package.py), imports reportlab and draws the slides into small
PDFs (the first alone, then a few per PDF); the child imports only PDFium and
turns those PDFs, as they arrive on a pipe, into PNG files and the render cache.
With JUDGEBOX_TRACE_PREVIEW=1 both sides print a timeline on stderr, to see
which one waits.

POSIX only (fork), and only from a process without threads (``can_split``). A
child that fails costs speed, not pages: the parent then renders every page
itself, where errors are reported.
"""

from __future__ import annotations

import os
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_FRAME = struct.Struct(">I")  # PDF length; 0 ends the stream
_TRACE = os.environ.get("JUDGEBOX_TRACE_PREVIEW") == "1"


def _trace(event: str) -> None:
    """With JUDGEBOX_TRACE_PREVIEW=1: 'wall-clock cpu pid event' on stderr, to see which side waits."""
    if _TRACE:
        import resource
        import time

        ru = resource.getrusage(resource.RUSAGE_SELF)
        os.write(2, f"{time.time():.3f} cpu={ru.ru_utime + ru.ru_stime:.3f} {os.getpid()} {event}\n".encode())


def can_split() -> bool:
    """Whether forking now is safe and worth it (two cores, no threads started yet)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


@dataclass(frozen=True)
class SplitResult:
    pages: list[Path]  # out_dir/slide-NNN.png, in slide order
    child_ok: bool  # False: the child failed and this process rendered everything again


def render_split(data: bytes, name: str, sha: str, out_dir: Path, width: int) -> SplitResult:
    """Write out_dir/slide-NNN.png for every slide of the deck in ``data``.

    Raises JudgeBoxError (in the parent) when the deck cannot be opened.
    """
    from judgebox.core.render.api import batches, write_whole

    _trace("fork")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns: it leaves without running the parent's cleanup
        os.close(write_fd)
        code = 1
        try:
            code = _rasterise(read_fd, sha, out_dir, width)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(read_fd)
    count = 0
    deck = None
    try:
        with os.fdopen(write_fd, "wb") as pipe:
            deck = _open_deck(data, name, width)
            count = len(deck.slides)
            _trace("deck opened")
            try:
                for batch in batches(list(range(count))):
                    pdf = deck.pdf(batch)
                    _trace(f"drew slides {batch[0] + 1}-{batch[-1] + 1}")
                    pipe.write(_FRAME.pack(len(pdf)))
                    pipe.write(pdf)
                    pipe.flush()
                pipe.write(_FRAME.pack(0))
            except BrokenPipeError:
                pass  # the child died: everything is rendered again below
    except BrokenPipeError:
        pass
    finally:
        _trace("waiting for the child")
        _, status = os.waitpid(pid, 0)
        _trace(f"child exited {status}")
    written = [out_dir / f"slide-{i + 1:03d}.png" for i in range(count)]
    if status != 0 and deck is not None:
        # the child failed (killed, disk full, ...): render every page here, where errors are reported
        from judgebox.core.render.api import _render_iter
        from judgebox.core.render.cache import store_slide_png

        for i, png in enumerate(_render_iter(deck, list(range(count)), width)):
            write_whole(written[i], png)
            store_slide_png(sha, i, width, png)
    return SplitResult(written, status == 0)


def _open_deck(data: bytes, name: str, width: int):
    from judgebox.core.render.api import _deck

    return _deck(data, name, width)


def _frames(read_fd: int) -> Iterator[bytes]:
    """The PDFs the parent writes, in slide order, until it ends the stream or goes away."""
    with os.fdopen(read_fd, "rb") as pipe:
        while True:
            head = pipe.read(_FRAME.size)
            if len(head) < _FRAME.size:
                return  # the parent stopped (it could not open the deck): nothing more comes
            (length,) = _FRAME.unpack(head)
            if length == 0:
                return
            pdf = pipe.read(length)
            if len(pdf) < length:
                return
            yield pdf


def _rasterise(read_fd: int, sha: str, out_dir: Path, width: int) -> int:
    from judgebox.core.render import raster
    from judgebox.core.render.api import write_whole
    from judgebox.core.render.cache import store_slide_png

    raster.warm_up()  # while the parent is still importing and drawing its first slide
    _trace("child ready")
    # this thread reads the pipe (without the GIL) while PDFium rasterises on raster's thread
    for index, png in enumerate(raster.pdfs_png(_frames(read_fd), width)):
        write_whole(out_dir / f"slide-{index + 1:03d}.png", png)
        store_slide_png(sha, index, width, png)
        _trace(f"wrote slide {index + 1}")
    return 0
