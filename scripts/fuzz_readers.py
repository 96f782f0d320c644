"""Fuzz the readers: mutated copies of the bundled samples, each read in a child process.

Every case must end in an Agreement or a ReadError; anything else (a library exception, a crash,
a hang past the timeout) is printed and its input kept in the output folder for a regression
test. Mutations: truncation, flipped bits, zeroed ranges, damaged PDF keywords, and for DOCX
dropped, swapped, emptied or damaged ZIP members and hostile attribute values in the XML parts.

    .venv/bin/python scripts/fuzz_readers.py [CASES] [SEED] [OUT_DIR]

Not part of the test suite: a few hundred cases take minutes (one interpreter per case).
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    *sorted((ROOT / "resources" / "samples").glob("*.pdf")),
    *sorted((ROOT / "resources" / "samples").glob("*.docx")),
    *sorted((ROOT / "tests" / "fixtures").glob("*.pdf")),
    *sorted((ROOT / "tests" / "fixtures").glob("*.docx")),
    *sorted((ROOT / "tests" / "fixtures").glob("*.txt")),
]
HOSTILE_VALUES = [
    b"abc", b"-1", b"99999999999999999999", b"", b"1e5", b"%9", b"0x10", b"\xc3\xa9", b"nan",
]  # fmt: skip
CHILD = (
    "import sys\n"
    "from parsers.errors import ReadError\n"
    "from parsers.read import read_agreement\n"
    "try:\n"
    "    read_agreement(sys.argv[1], use_cache=False)\n"
    "except ReadError:\n"
    "    pass\n"
)


def _bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    kind = rng.choice(["truncate", "flip", "zero", "keyword"])
    if kind == "truncate":
        return bytes(out[: rng.randrange(1, len(out))])
    if kind == "flip":
        for _ in range(rng.choice([1, 5, 50, 500])):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
    elif kind == "zero":
        i, n = rng.randrange(len(out)), rng.choice([16, 256, 4096])
        out[i : i + n] = bytes(min(n, len(out) - i))
    else:
        for word in (b"/Length", b"/Count", b"/Kids", b"xref", b"/Root", b"stream", b"/Font"):
            at = out.find(word, rng.randrange(len(out)))
            if at >= 0 and rng.random() < 0.5:
                out[at + 1 : at + len(word)] = b"Z" * (len(word) - 1)
    return bytes(out)


def _docx(rng: random.Random, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    kind = rng.choice(["drop", "swap", "empty", "damage", "attributes"])
    if kind == "drop":
        del parts[rng.choice(list(parts))]
    elif kind == "swap" and len(xml) > 1:
        a, b = rng.sample(xml, 2)
        parts[a], parts[b] = parts[b], parts[a]
    elif kind == "empty":
        parts[rng.choice(list(parts))] = b""
    elif kind == "damage":
        name = rng.choice(xml)
        at = rng.randrange(len(parts[name]) + 1)
        junk = rng.choice([b"<", b"&", b"\x00", b"<w:p>", b"]]>", b'"'])
        parts[name] = parts[name][:at] + junk + parts[name][at:]
    else:
        for _ in range(rng.choice([1, 5, 20])):
            name = rng.choice(xml)
            spans = [m.span(1) for m in re.finditer(rb'w:[A-Za-z]+="([^"]*)"', parts[name])]
            if spans:
                start, end = rng.choice(spans)
                body = parts[name]
                parts[name] = body[:start] + rng.choice(HOSTILE_VALUES) + body[end:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, body in parts.items():
            zout.writestr(name, body)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv else 200
    seed = int(argv[1]) if len(argv) > 1 else 1
    out_dir = Path(argv[2]) if len(argv) > 2 else Path("fuzz-cases")
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    for k in range(cases):
        source = rng.choice(SEEDS)
        data = source.read_bytes()
        use_zip = source.suffix == ".docx" and rng.random() < 0.6
        mutated = _docx(rng, data) if use_zip else _bytes(rng, data)
        suffix = source.suffix if rng.random() < 0.8 else rng.choice([".pdf", ".docx", ".txt", ""])
        case = out_dir / f"case-{seed}-{k:04d}{suffix}"
        case.write_bytes(mutated)
        command = [sys.executable, "-c", CHILD, str(case)]
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            outcomes["hang"] += 1
            print(f"HANG   {case}", flush=True)
            continue
        if done.returncode != 0:
            outcomes["escape"] += 1
            last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            print(f"ESCAPE {case}: {last[:200]}", flush=True)
            continue
        outcomes["ok"] += 1
        case.unlink()
    print(dict(outcomes))
    return 1 if outcomes["hang"] or outcomes["escape"] else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
