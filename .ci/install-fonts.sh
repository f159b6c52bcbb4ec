#!/usr/bin/env bash
# Install what gongwen needs to render .docx → PDF on Debian/Ubuntu (run as root).
#
# Idempotent: apt-get skips installed packages, and the Fandol step is skipped when the
# four .otf files are already in place. Fandol comes from texlive-lang-chinese, but that
# package pulls ~150 others, so we download it and extract just the fonts (GBT9704.md §11.2).
set -euo pipefail

FANDOL_DIR=${FANDOL_DIR:-/usr/local/share/fonts/fandol}
FANDOL_FILES=(FandolFang-Regular.otf FandolHei-Regular.otf FandolKai-Regular.otf FandolSong-Regular.otf)
PACKAGES=(libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-liberation2 fontconfig)

export DEBIAN_FRONTEND=noninteractive

have_all_packages() {
    local status
    # dpkg-query fails for a package it has never heard of; that too means "not installed".
    status=$(dpkg-query -W -f='${Status}\n' "${PACKAGES[@]}" 2>/dev/null) || return 1
    ! grep -qv "install ok installed" <<<"$status"
}

have_fandol() {
    local f
    for f in "${FANDOL_FILES[@]}"; do
        [[ -s "$FANDOL_DIR/$f" ]] || return 1
    done
}

install_packages() {
    if have_all_packages; then
        echo "install-fonts: Debian packages already installed"
        return
    fi
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
}

install_fandol() {
    if have_fandol; then
        echo "install-fonts: Fandol already in $FANDOL_DIR"
        return
    fi
    local work
    work=$(mktemp -d)
    # The download runs as root in a private dir; _apt cannot write there, which only warns.
    (cd "$work" && apt-get download texlive-lang-chinese) || {
        apt-get update -q
        (cd "$work" && apt-get download texlive-lang-chinese)
    }
    dpkg -x "$work"/texlive-lang-chinese_*.deb "$work/root"
    mkdir -p "$FANDOL_DIR"
    local f src
    for f in "${FANDOL_FILES[@]}"; do
        src=$(find "$work/root" -name "$f" -print -quit)
        [[ -n "$src" ]] || { echo "install-fonts: $f not found in texlive-lang-chinese" >&2; exit 1; }
        install -m 0644 "$src" "$FANDOL_DIR/$f"
    done
    rm -rf "$work"
    fc-cache -f "$FANDOL_DIR"
    echo "install-fonts: Fandol installed in $FANDOL_DIR"
}

install_packages
install_fandol
