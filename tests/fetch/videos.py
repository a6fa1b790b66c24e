"""Real MP4 files (H.264 + AAC in MP4) made with PyAV, whose wheel carries its own FFmpeg.

Small on purpose: tiny frames at a low frame rate, so a 4-minute video is a few
hundred kilobytes; ``noise`` frames make a large file (the benchmark's 50 MB)
because noise does not compress.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path


def make_video(path: Path, seconds: float, *, width: int = 64, height: int = 36, fps: int = 2,
               audio: bool = True, noise: bool = False, faststart: bool = True) -> Path:
    import os

    import av

    options = {"movflags": "+faststart"} if faststart else {}
    with av.open(str(path), "w", format="mp4", options=options) as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", **({"crf": "0"} if noise else {"crf": "40"})}
        sound = None
        if audio:
            sound = out.add_stream("aac", rate=8000)
            sound.layout = "mono"
        frames = int(round(seconds * fps))
        for i in range(frames):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane in frame.planes:
                size = plane.buffer_size
                plane.update(os.urandom(size) if noise else bytes([(i * 9 + 16) % 256]) * size)
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if sound is not None:
            samples = 1024
            total = int(seconds * 8000)
            for start in range(0, total, samples):
                n = min(samples, total - start)
                frame = av.AudioFrame(format="fltp", layout="mono", samples=n)
                frame.planes[0].update(bytes(frame.planes[0].buffer_size))
                frame.sample_rate, frame.pts = 8000, start
                for packet in sound.encode(frame):
                    out.mux(packet)
            for packet in sound.encode():
                out.mux(packet)
    return path
