#!/bin/sh
# Per-user install of this JudgeBox folder (no root): a `judgebox` command in ~/.local/bin,
# a menu entry, the icon, and double-click on .jbevent/.jbscore/.jbvisit/.jbx files.
# Run it from the unpacked folder; it can be run again after moving the folder.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin
mkdir -p "$BIN" "$DATA/applications" "$DATA/mime/packages"
ln -sf "$HERE/judgebox" "$BIN/judgebox"
sed "s|^Exec=.*|Exec=\"$HERE/judgebox\" %f|; s|^TryExec=.*|TryExec=$HERE/judgebox|" \
    "$HERE/share/applications/judgebox.desktop" > "$DATA/applications/judgebox.desktop"
cp "$HERE/share/mime/packages/judgebox.xml" "$DATA/mime/packages/judgebox.xml"
cp -R "$HERE/share/icons" "$DATA/"
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
if command -v xdg-mime >/dev/null; then
    for t in event score visit bundle; do
        xdg-mime default judgebox.desktop "application/x-judgebox-$t" || true
    done
fi
echo "JudgeBox installed for $(id -un): menu entry, file types, and $BIN/judgebox"
