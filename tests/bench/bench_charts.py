"""Chart drawing benchmark: how long draw_chart takes per chart.

Run: .venv/bin/python tests/bench/bench_charts.py [ROUNDS]   (default 5)
Draws every chart of the real-world decks in tests/decks (cht-*.pptx) plus one generated chart of
each supported type into an in-memory reportlab canvas, ROUNDS times, and
prints mean / median / p95 / max milliseconds per chart and how many charts
fell back to the placeholder.
"""

from __future__ import annotations

import io
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "decks"


def _generated() -> list:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData, XyChartData
    from pptx.enum.chart import XL_CHART_TYPE as T
    from pptx.util import Inches

    prs = Presentation()
    cd = CategoryChartData()
    cd.categories = ["Baseline", "Output", "Outcome", "Impact", "Quick Win", "Prestasi"]
    for name in ("2023", "2024", "2025"):
        cd.add_series(name, [3.5, 4.2, 5.1, 2.8, 6.0, 4.4])
    xy = XyChartData()
    s = xy.add_series("Titik")
    for i in range(20):
        s.add_data_point(i, (i * 7) % 11)
    types = [T.COLUMN_CLUSTERED, T.COLUMN_STACKED, T.COLUMN_STACKED_100, T.BAR_CLUSTERED, T.BAR_STACKED,
             T.LINE, T.LINE_MARKERS, T.PIE, T.DOUGHNUT, T.AREA, T.AREA_STACKED, T.RADAR_MARKERS]
    out = []
    for t in types:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        gf = slide.shapes.add_chart(t, Inches(1), Inches(1), Inches(8), Inches(5), cd)
        gf.chart.has_legend = True
        out.append(gf.chart)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    out.append(slide.shapes.add_chart(T.XY_SCATTER, Inches(1), Inches(1), Inches(8), Inches(5), xy).chart)
    return out


def main(rounds: int = 5) -> None:
    from pptx import Presentation
    from reportlab.pdfgen.canvas import Canvas

    from judgebox.core.render import charts as charts_mod
    from judgebox.core.render.charts import SimpleChartContext, draw_chart

    charts = []
    for deck in sorted(CORPUS.glob("cht-*.pptx")):
        for slide in Presentation(deck).slides:
            for shape in slide.shapes:
                if getattr(shape, "has_chart", False) and shape.has_chart:
                    charts.append(shape.chart)
    charts += _generated()

    placeholders = []

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            placeholders.append(record)

    log = logging.getLogger(charts_mod.__name__)
    log.setLevel(logging.DEBUG)
    log.addHandler(Count())
    ctx = SimpleChartContext()
    times: list[float] = []
    for r in range(rounds + 1):  # round 0 warms imports and font metrics
        cv = Canvas(io.BytesIO(), pagesize=(720, 540))
        for ch in charts:
            t = time.perf_counter()
            draw_chart(cv, ch, (36, 36, 576, 400), ctx)
            if r:
                times.append((time.perf_counter() - t) * 1000)
            cv.showPage()
    times.sort()
    print(f"charts: {len(charts)} ({len(charts) - 13} corpus + 13 generated), rounds: {rounds}")
    print(f"draw_chart ms/chart: mean {statistics.mean(times):.2f}  median {statistics.median(times):.2f}  "
          f"p95 {times[int(len(times) * 0.95)]:.2f}  max {times[-1]:.2f}")
    print(f"placeholders: {len(placeholders) // max(rounds + 1, 1)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
