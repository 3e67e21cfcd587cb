"""Compile every locale/*/LC_MESSAGES/*.po to .mo with Babel, so a fresh machine without GNU
gettext can still run the platform in Dutch. CI additionally runs Django's compilemessages."""

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_all(root: Path) -> int:
    count = 0
    for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parts[-3])
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        count += 1
    return count


if __name__ == "__main__":
    # The project's catalogue (locale/) and each capability's own (samenleren/<app>/locale/).
    roots = [Path(arg) for arg in sys.argv[1:]] or [
        Path("locale"),
        *Path("samenleren").glob("*/locale"),
    ]
    compiled = sum(compile_all(root) for root in roots)
    sys.stdout.write(f"Compiled {compiled} message catalogue(s).\n")
