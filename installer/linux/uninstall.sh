#!/bin/sh
# Undo install.sh. Your scores and keys (the profile folder) are kept.
set -u
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
rm -f "$HOME/.local/bin/judgebox" "$DATA/applications/judgebox.desktop" "$DATA/mime/packages/judgebox.xml"
find "$DATA/icons/hicolor" -name 'judgebox.png' -o -name 'judgebox.svg' 2>/dev/null | xargs rm -f
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
echo "JudgeBox removed from the menu; delete this folder to remove the program."
