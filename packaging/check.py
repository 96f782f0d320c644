"""Smoke-test the frozen bundle (`make package-check`), the way a user's machine will run it.

Both programs run from dist/cbadiff with a scrubbed environment (no PYTHONPATH, no virtualenv on
PATH, so nothing but the bundle can supply Python) and, where the kernel allows it, inside a fresh
network namespace with no network at all. The CLI must compare the bundled samples and print the
documented JSON; the GUI must open them offscreen with --smoke-test and exit 0. Any warning in
either log fails the check. Start-up time and bundle size are printed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "cbadiff"
SAMPLES = ROOT / "resources" / "samples"
WARNING_MARKERS = ("warning", "traceback", "error:", "qt.qpa", "could not")


def clean_env(home: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


def offline_prefix() -> list[str]:
    """`unshare -rn` gives the process its own empty network namespace, where one is allowed."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    print("note: unshare is not permitted here; running without a network namespace")
    return []


def run(
    cmd: list[str], env: dict[str, str], timeout: float
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd="/")
    return proc, time.monotonic() - started


def bundle_size(folder: Path) -> int:
    """Bytes on disk, counting each file once (the bundle links some libraries twice)."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def warnings_in(log: str) -> list[str]:
    return [line for line in log.splitlines() if any(m in line.lower() for m in WARNING_MARKERS)]


def main() -> int:
    if not (BUNDLE / "cbadiff").exists():
        print(f"no bundle at {BUNDLE}: run `make package` first", file=sys.stderr)
        return 1
    home = ROOT / "build" / "smoke-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = clean_env(home)
    prefix = offline_prefix()
    failures: list[str] = []
    old, new = str(SAMPLES / "expired.docx"), str(SAMPLES / "proposed.docx")

    proc, secs = run([*prefix, str(BUNDLE / "cbadiff"), "--version"], env, 60)
    print(f"cli start-up (--version): {secs * 1000:.0f} ms")
    if proc.returncode != 0:
        failures.append(f"cbadiff --version exited {proc.returncode}: {proc.stderr.strip()}")

    proc, secs = run(
        [*prefix, str(BUNDLE / "cbadiff"), "compare", old, new, "--json", "-"], env, 300
    )
    print(f"cli compare of the samples: {secs:.2f} s")
    if proc.returncode != 0:
        failures.append(f"cbadiff compare exited {proc.returncode}: {proc.stderr.strip()}")
    else:
        data = json.loads(proc.stdout)
        if data.get("format") != "cbadiff.comparison" or data.get("version") != 1:
            failures.append("cbadiff compare did not print the comparison JSON contract")
        elif not data.get("alignment"):
            failures.append("cbadiff compare printed an empty alignment")
        else:
            print(
                f"cli JSON: {len(data['alignment'])} aligned entries, status {data['summary']['status']}"
            )
    failures += [f"cli log: {w}" for w in warnings_in(proc.stderr)]

    gui_cmd = [*prefix, str(BUNDLE / "cbadiff-gui"), "--smoke-test", old, new]
    proc, secs = run(gui_cmd, env, 300)
    print(f"gui --smoke-test (start, read, compare, exit): {secs:.2f} s")
    if proc.returncode != 0:
        failures.append(f"cbadiff-gui --smoke-test exited {proc.returncode}: {proc.stderr.strip()}")
    elif "article pairs compared" not in proc.stdout + proc.stderr:
        failures.append("cbadiff-gui --smoke-test exited 0 without reporting a comparison")
    failures += [f"gui log: {w}" for w in warnings_in(proc.stderr + proc.stdout)]

    size = bundle_size(BUNDLE)
    print(f"bundle size: {size / 2**20:.0f} MiB unpacked")
    for tarball in sorted((ROOT / "dist").glob("cbadiff-*.tar.gz")):
        print(f"tarball: {tarball.name} {tarball.stat().st_size / 2**20:.0f} MiB")
    if failures:
        print("PACKAGE CHECK FAILED:")
        for failure in failures:
            print(f"  - {failure}")
        return 1
    print("package check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
