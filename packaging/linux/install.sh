#!/bin/sh
# Install CBA Diff for the current user: the bundle to ~/.local/opt/cbadiff, launchers to
# ~/.local/bin, and a menu entry with its icon. Needs no root and no Python.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
rm -rf "$prefix/opt/cbadiff"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/256x256/apps"
cp -R "$here" "$prefix/opt/cbadiff"
ln -sf "$prefix/opt/cbadiff/cbadiff-gui" "$prefix/bin/cbadiff-gui"
ln -sf "$prefix/opt/cbadiff/cbadiff" "$prefix/bin/cbadiff"
sed "s|^Exec=cbadiff-gui|Exec=$prefix/bin/cbadiff-gui|" "$here/cbadiff.desktop" \
    > "$prefix/share/applications/cbadiff.desktop"
cp "$here/cbadiff.png" "$prefix/share/icons/hicolor/256x256/apps/cbadiff.png"
echo "CBA Diff installed: run cbadiff-gui, or find CBA Diff in your applications menu."
