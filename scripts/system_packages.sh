#!/usr/bin/env bash
# System packages the PDFs are faster and truer with (run by `make install`,
# so by `make setup`, `make test` and `make bench`). Each is optional: the
# documents are still made without them, more slowly or in another font.
#
#   libharfbuzz-subset0  WeasyPrint cuts the embedded fonts down to the
#                        characters used with it in milliseconds; without it
#                        it uses fontTools, a third of a letter's time.
#   fonts-liberation     Liberation Sans, the font the print stylesheet asks
#                        for (Arial's widths). Without it the text falls back
#                        to DejaVu Sans, which is wider: longer registers,
#                        laid out more slowly. (Chromium, for the browser
#                        tests, recommends the same package.)
#
# Installs what is missing with apt-get (as root, or through sudo without a
# password prompt); elsewhere it says what to install and carries on.
set -uo pipefail

missing=()
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0' || missing+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -q 'Liberation Sans' || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0

install() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        return 1
    fi
}

if command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} for the PDFs"
    if install env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" ||
        { install env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
            install env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; }; then
        exit 0
    fi
fi
echo "Could not install ${missing[*]}: PDFs will still be made, more slowly." \
    "Install them with your package manager (HarfBuzz's subset library, Liberation fonts)." >&2
exit 0
