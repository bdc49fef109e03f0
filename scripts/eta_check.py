"""How right is the progress bar's "time left"? Measured on a real cold synthesis.

    python scripts/eta_check.py examples/anora/article.txt --voices examples/anora/voices.toml
    python scripts/eta_check.py SCRIPT --lines 40          # a quicker run on the first 40 lines

It plans the episode as ``render`` does, synthesizes every line into an empty temporary cache
with the same worker pool, and records each progress report (lines done, share of the work
done). At every report after the first tenth of the lines, the time left the CLI would show
(elapsed x (1 - share) / share, as ``audioscript render`` draws it) is compared with the
time that was really left. It prints the worst and the median error, relative to the time
left, over the reports made while at least 30 s of work remained (the last seconds of a run
make any estimate's relative error meaningless). The issue's target: within 20 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a file from a checkout without installing
    sys.path.insert(0, str(REPO))

from audioscript.cache import ClipCache
from audioscript.engines import default_engine
from audioscript.pipeline import load
from audioscript.render import RenderOptions, plan
from audioscript.synth import synthesize
from audioscript.voices import load_config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="article, quotes or script")
    parser.add_argument("--voices", type=Path, action="append", default=[])
    parser.add_argument("--lines", type=int, help="only the first N spoken lines")
    parser.add_argument("--min-left", type=float, default=30.0, help="seconds of work left below which reports are not judged")
    args = parser.parse_args(argv)

    loaded = load(args.input)
    config = load_config(args.voices)
    lines = plan(loaded, config, RenderOptions(engine=default_engine())).lines
    jobs = [line.job for line in lines][: args.lines]
    reports: list[tuple[float, int, int, float]] = []
    started = time.monotonic()

    def record(done: int, total: int, hits: int, share: float) -> None:
        reports.append((time.monotonic() - started, done, total, share))

    with tempfile.TemporaryDirectory() as tmp:
        synthesize(jobs, ClipCache(Path(tmp)), progress=record)
    finished = time.monotonic() - started
    total = reports[-1][2]
    errors = []
    for elapsed, done, _, share in reports:
        left = finished - elapsed
        if done < total / 10 or share <= 0 or left < args.min_left:
            continue
        shown = elapsed * (1 - share) / share
        errors.append((shown - left) / left)
    print(f"{total} lines synthesized in {finished:.1f} s; {len(errors)} reports judged")
    if errors:
        worst = max(errors, key=abs)
        print(
            f"time left shown vs real: median error {statistics.median(abs(e) for e in errors):.1%}, "
            f"worst {worst:+.1%} (target: within 20 %)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
