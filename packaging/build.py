"""Build the one-folder bundle with PyInstaller and pack it as a tarball (`make package`).

The tarball holds dist/cbadiff/ (both programs and everything they need, no Python required on the
target machine), the .desktop file, the icon and install.sh, which installs per user without root.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from cbadiff import __version__

    return __version__


def build() -> Path:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "packaging" / "cbadiff.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    bundle = DIST / "cbadiff"
    shutil.copy(ROOT / "packaging" / "linux" / "cbadiff.desktop", bundle / "cbadiff.desktop")
    shutil.copy(ROOT / "resources" / "appicon" / "cbadiff.png", bundle / "cbadiff.png")
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", bundle / "install.sh")
    machine = subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()
    tarball = DIST / f"cbadiff-{version()}-linux-{machine}.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(bundle, arcname=f"cbadiff-{version()}")
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"built {bundle} ({size / 2**20:.0f} MiB unpacked) in {time.monotonic() - started:.0f} s")
    print(f"tarball {tarball} ({tarball.stat().st_size / 2**20:.0f} MiB)")
    return tarball


if __name__ == "__main__":
    build()
