"""Build ``audioscript/data/kokoro/``: the 28 English Kokoro voices and the phoneme vocabulary.

Run at development time only, with npm and pip on PATH (both reach their registries here)::

    python scripts/build_kokoro_data.py

Sources, fetched with the ordinary clients into a temporary folder:

* ``npm pack kokoro-js@1.2.1`` (Apache-2.0): ``package/voices/{af,am,bf,bm}_*.bin`` are the
  English style vectors (raw float32, 510 x 1 x 256); ``dist/kokoro.cjs`` has each voice's
  display name, gender and the grades its authors gave it. No PyPI package carries them.
* ``pip download kokoro-onnx==0.6.1`` (MIT): ``kokoro_onnx/config.json`` holds the phoneme ->
  token id vocabulary the int8 ONNX export expects (the model does not embed it).

Written: ``voices.npz`` (one float32 array 510 x 256 per voice, compressed, values unchanged),
``voices.json`` (name, gender, accent, grades), ``vocab.json``, and the Apache-2.0 licence
text from kokoro-js as ``LICENSE``. ``NOTICE`` is kept by hand.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "audioscript" / "data" / "kokoro"
KOKORO_JS = "kokoro-js@1.2.1"
KOKORO_ONNX = "kokoro-onnx==0.6.1"
ENGLISH = re.compile(r"^(a|b)(f|m)_[a-z]+$")
ROWS, WIDTH = 510, 256


def fetch_npm(folder: Path) -> tarfile.TarFile:
    subprocess.run(["npm", "pack", KOKORO_JS, "--silent"], cwd=folder, check=True, capture_output=True)
    (tgz,) = folder.glob("kokoro-js-*.tgz")
    return tarfile.open(tgz)


def fetch_pypi(folder: Path) -> zipfile.ZipFile:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(folder), KOKORO_ONNX],
        check=True,
    )
    (wheel,) = folder.glob("kokoro_onnx-*.whl")
    return zipfile.ZipFile(wheel)


def voice_metadata(bundle: str) -> dict[str, dict[str, str]]:
    """Each voice's entry in kokoro-js's table: ``af_heart:{name:"Heart",...}``."""
    found = {}
    for voice, body in re.findall(r"\b([ab][fm]_[a-z]+):\{([^}]*)\}", bundle):
        fields = dict(re.findall(r'(\w+):"([^"]*)"', body))
        found[voice] = fields
    return found


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with fetch_npm(folder) as tar:
            names = sorted(
                Path(m.name).stem
                for m in tar.getmembers()
                if m.name.startswith("package/voices/") and ENGLISH.match(Path(m.name).stem)
            )
            arrays = {}
            for name in names:
                raw = tar.extractfile(f"package/voices/{name}.bin").read()  # type: ignore[union-attr]
                array = np.frombuffer(raw, dtype="<f4")
                if array.size != ROWS * WIDTH:
                    raise SystemExit(f"{name}.bin has {array.size} values, expected {ROWS * WIDTH}")
                arrays[name] = array.reshape(ROWS, WIDTH)
            bundle = tar.extractfile("package/dist/kokoro.cjs").read().decode()  # type: ignore[union-attr]
            licence = tar.extractfile("package/LICENSE").read()  # type: ignore[union-attr]
        with fetch_pypi(folder) as wheel:
            vocab = json.loads(wheel.read("kokoro_onnx/config.json"))["vocab"]
    meta = voice_metadata(bundle)
    table = {}
    for name in names:
        info = meta.get(name, {})
        table[name] = {
            "name": info.get("name", name.split("_")[1].title()),
            "gender": "female" if name[1] == "f" else "male",
            "accent": "us" if name[0] == "a" else "gb",
            "grade": info.get("overallGrade", ""),
            "traits": info.get("traits", ""),
        }
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    (OUT / "voices.npz").write_bytes(buffer.getvalue())
    (OUT / "voices.json").write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    (OUT / "LICENSE").write_bytes(licence)
    print(f"wrote {len(arrays)} voices and {len(vocab)} phonemes to {OUT}")


if __name__ == "__main__":
    main()
