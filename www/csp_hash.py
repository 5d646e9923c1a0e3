#!/usr/bin/env python3
"""Trunk post_build hook: puts the SHA-256 of each inline <script> of the built
index.html (Trunk's wasm loader) into its Content-Security-Policy, in place of the
INLINE-SCRIPT-HASHES placeholder, so that script-src needs no 'unsafe-inline'.
Fails the build when the placeholder is missing or stays unfilled."""
import base64
import hashlib
import os
import re
import sys

PLACEHOLDER = "INLINE-SCRIPT-HASHES"

path = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()
if PLACEHOLDER not in html:
    sys.exit(f"{path}: no {PLACEHOLDER} in the Content-Security-Policy")
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
hashes = [
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
    for s in scripts
    if s.strip()
]
if not hashes:
    sys.exit(f"{path}: no inline script to allow")
html = html.replace(PLACEHOLDER, " ".join(hashes))
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"csp_hash: {len(hashes)} inline script(s) allowed by hash")
