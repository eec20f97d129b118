#!/usr/bin/env bash
# Install eventwire the way a new user does, outside make: a fresh virtual environment with the
# pip that the Python ships (no "pip install --upgrade pip"), "pip install ." and then the CLI on
# a sample article. It fails when the old resolver picks a broken set (NumPy 2 under a thinc built
# for NumPy 1, a missing lxml_html_clean, a py3langid that needs NumPy 2): the tool then crashes
# on its first command.
#
#   scripts/check_stock_pip_install.sh            # with python3
#   PYTHON=python3.12 scripts/check_stock_pip_install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PYTHON" -m venv "$work/venv"
echo "check_stock_pip_install: $("$work/venv/bin/python" --version), $("$work/venv/bin/pip" --version | cut -d' ' -f1-2)"
# A copy of the source, so that the build leaves nothing in this tree (build/, *.egg-info).
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work" --one-top-level=src-copy
"$work/venv/bin/pip" install --quiet --no-cache-dir "$work/src-copy" 2> >(grep -v '^WARNING: Location' >&2)

"$work/venv/bin/eventwire" extract samples/articles/putin-musk-scraped.txt --format jsonl \
    > "$work/out.jsonl"
"$work/venv/bin/python" - "$work/out.jsonl" <<'PY'
import json
import sys

(result,) = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert not result["errors"], result["errors"]
assert result["events"] and result["actors"], "no events or actors from the sample article"
print(f"check_stock_pip_install: ok, {len(result['actors'])} actors and "
      f"{len(result['events'])} events from the sample")
PY
