#!/usr/bin/env python3
"""Pixel-for-pixel check of gemini-vision's masks against Pillow + numpy, computed the
way the Gemini cookbook computes them.

Usage, from the repository root (PY is a Python 3 with Pillow and numpy, e.g.
`python3 -m venv /tmp/venv-spatial && /tmp/venv-spatial/bin/pip install pillow numpy`):

    PY tests/reference/check_masks.py --cli target/debug/gemini-vision --samples ../shared/samples

What it does:
1. Real answers: every response in SAMPLES/responses holding a `data:image/png;base64`
   mask, at several image sizes (the sample image's size after the cookbook's
   `thumbnail([1024, 1024])`, the 1024x1024 thumbnail the prompt was run on, and
   sizes that make Pillow enlarge, shrink and stretch the 256x256 masks). For each,
   `CLI parse --width W --height H --masks DIR` is compared with the cookbook's code:
       y0 = int(box[0] / 1000 * height); x0 = int(box[1] / 1000 * width)
       y1 = int(box[2] / 1000 * height); x1 = int(box[3] / 1000 * width)
       if y0 >= y1 or x0 >= x1: continue
       mask = Image.open(...).resize((x1 - x0, y1 - y0), Image.Resampling.BILINEAR)
       np_mask = np.zeros((height, width), dtype=np.uint8); np_mask[y0:y1, x0:x1] = mask
       drawn where np_mask > 127
   Both the mask files and the pixel boxes in the JSON are compared.
2. Synthetic masks (seeded): random mask sizes (including masks more than 100 times
   taller than wide), random values, random boxes (integer and fractional) on random
   image sizes, sent in both base64 alphabets.

Pillow versions order the two resize passes differently (12.2 and 13 changed it), which
moves a few values by one; the CLI is told the installed version with `--pillow`.

Every mask compared is one row; the last line is `masks: N matched, M differ`, and the
exit status is 1 when M > 0 (scripts/suites/pillow-masks.sh counts the whole as one test).
"""

import argparse
import base64
import io
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import PIL
from PIL import Image

PNG_PREFIX = "data:image/png;base64,"


def cookbook_parse_json(text):
    """The cookbook's `parse_json`: keep what follows a ```json line, up to the next fence."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line == "```json":
            text = "\n".join(lines[i + 1:])
            text = text.split("```")[0]
            break
    return text


def cookbook_box(box, width, height):
    y0 = int(box[0] / 1000 * height)
    x0 = int(box[1] / 1000 * width)
    y1 = int(box[2] / 1000 * height)
    x1 = int(box[3] / 1000 * width)
    return x0, y0, x1, y1


def cookbook_mask(item, width, height):
    """The cookbook's binary mask (0/255) for one item, or None where it skips the item."""
    x0, y0, x1, y1 = cookbook_box(item["box_2d"], width, height)
    if y0 >= y1 or x0 >= x1:
        return None
    png_str = item["mask"]
    if not png_str.startswith(PNG_PREFIX):
        return None
    payload = png_str.removeprefix(PNG_PREFIX)
    payload += "=" * (-len(payload) % 4)
    data = base64.urlsafe_b64decode(payload) if ("-" in payload or "_" in payload) else base64.b64decode(payload)
    mask = Image.open(io.BytesIO(data)).resize((x1 - x0, y1 - y0), resample=Image.Resampling.BILINEAR)
    np_mask = np.zeros((height, width), dtype=np.uint8)
    np_mask[y0:y1, x0:x1] = mask
    return np.where(np_mask > 127, 255, 0).astype(np.uint8)


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")


def run_cli(cli, text, width, height, mask_dir):
    result = subprocess.run(
        [cli, "parse", "--width", str(width), "--height", str(height), "--masks", str(mask_dir), "--pillow", PIL.__version__],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{cli} exited {result.returncode}: {result.stderr.decode(errors='replace')}")
    return json.loads(result.stdout)


def compare(tally, name, items, output, width, height, mask_dir):
    detections = output["detections"]
    if len(detections) != len(items):
        tally.check(False, f"{name} {width}x{height}: {len(detections)} detections for {len(items)} items")
        return
    differing_total = 0
    for index, item in enumerate(items):
        expected = cookbook_mask(item, width, height)
        ours_path = mask_dir / f"{index}.png"
        what = f"{name} {width}x{height} item {index} ({item.get('label', '')!r})"
        x0, y0, x1, y1 = cookbook_box(item["box_2d"], width, height)
        pixel_box = detections[index].get("box")
        expected_box = None if (y0 >= y1 or x0 >= x1) else {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
        if pixel_box != expected_box:
            tally.check(False, f"{what}: box {pixel_box} != cookbook {expected_box}")
            continue
        if expected is None:
            tally.check(not ours_path.exists(), f"{what}: the cookbook skips it but a mask was written")
            continue
        if not ours_path.exists():
            tally.check(False, f"{what}: no mask written")
            continue
        ours = np.array(Image.open(ours_path))
        if ours.shape != expected.shape:
            tally.check(False, f"{what}: shape {ours.shape} != {expected.shape}")
            continue
        differing = int(np.count_nonzero(ours != expected))
        differing_total += differing
        tally.check(differing == 0, f"{what}: {differing} pixels differ")
    return differing_total


def image_size_for(samples, meta):
    """The sample image's size after the cookbook's thumbnail([1024, 1024]), if we have it."""
    stem = Path(meta.get("image_param", "")).stem.lower()
    for candidate in sorted((samples / "images").glob(f"{stem}.*")):
        with Image.open(candidate) as im:
            im.thumbnail([1024, 1024], Image.Resampling.LANCZOS)
            return im.size
    return None


def real_samples(cli, samples, tally):
    sizes = [(1024, 1024), (640, 482), (1920, 1080), (333, 1000), (100, 75), (1000, 7)]
    for response in sorted((samples / "responses").glob("*.txt")):
        text = response.read_text(encoding="utf-8")
        if PNG_PREFIX not in text:
            continue
        meta = json.loads(response.with_suffix(".meta.json").read_text(encoding="utf-8"))
        items = json.loads(cookbook_parse_json(text))
        own = image_size_for(samples, meta)
        for width, height in ([own] if own else []) + sizes:
            with tempfile.TemporaryDirectory() as tmp:
                out = run_cli(cli, text, width, height, Path(tmp))
                before = tally.failed
                differing = compare(tally, response.stem, items, out, width, height, Path(tmp))
                status = "ok" if tally.failed == before else "FAILED"
                print(f"{response.stem[:60]} at {width}x{height}: {len(items)} masks, {differing} differing pixels: {status}")


def random_mask(rng):
    shape = rng.random()
    if shape < 0.1:
        width, height = rng.randint(1, 3), rng.randint(150, 400)  # taller than 100:1
    elif shape < 0.2:
        width, height = rng.randint(150, 400), rng.randint(1, 3)
    else:
        width, height = rng.randint(1, 300), rng.randint(1, 300)
    ys, xs = np.mgrid[0:height, 0:width]
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    radius = rng.uniform(1, max(width, height))
    blob = np.clip(255 * (1.2 - np.hypot(xs - cx, ys - cy) / radius), 0, 255)
    noise = np.array([rng.randint(-40, 40) for _ in range(width * height)]).reshape(height, width)
    values = np.clip(blob + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(values, "L").save(buffer, format="PNG")
    data = buffer.getvalue()
    if rng.random() < 0.5:
        return PNG_PREFIX + base64.b64encode(data).decode()
    return PNG_PREFIX + base64.urlsafe_b64encode(data).decode().rstrip("=")


def random_box(rng):
    def coordinate():
        return rng.randint(0, 1000) if rng.random() < 0.7 else round(rng.uniform(0, 1000), 3)

    while True:
        ymin, ymax = sorted((coordinate(), coordinate()))
        xmin, xmax = sorted((coordinate(), coordinate()))
        if ymin < ymax and xmin < xmax:
            return [ymin, xmin, ymax, xmax]


def synthetic(cli, tally, cases, seed):
    rng = random.Random(seed)
    total_differing = 0
    for case in range(cases):
        width, height = rng.randint(1, 1500), rng.randint(1, 1500)
        items = [
            {"box_2d": random_box(rng), "mask": random_mask(rng), "label": f"synthetic {case}.{i}"}
            for i in range(rng.randint(1, 4))
        ]
        text = "```json\n" + json.dumps(items) + "\n```"
        with tempfile.TemporaryDirectory() as tmp:
            out = run_cli(cli, text, width, height, Path(tmp))
            total_differing += compare(tally, f"synthetic case {case}", items, out, width, height, Path(tmp)) or 0
    print(f"synthetic: {cases} responses (seed {seed}), {total_differing} differing pixels")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="path to the gemini-vision binary")
    parser.add_argument("--samples", required=True, help="path to shared/samples")
    parser.add_argument("--synthetic", type=int, default=150, help="how many synthetic responses")
    parser.add_argument("--seed", type=int, default=20250621)
    args = parser.parse_args()
    tally = Tally()
    print(f"Pillow {PIL.__version__}, numpy {np.__version__}")
    try:
        real_samples(args.cli, Path(args.samples), tally)
        synthetic(args.cli, tally, args.synthetic, args.seed)
    except Exception as error:  # a crash is a failure, and the summary line still comes last
        tally.check(False, f"the check itself failed: {error!r}")
    print(f"masks: {tally.passed} matched, {tally.failed} differ")
    return 1 if tally.failed or not tally.passed else 0


if __name__ == "__main__":
    sys.exit(main())
