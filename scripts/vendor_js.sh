#!/usr/bin/env bash
# Reinstall the dashboard's vendored JavaScript from npm at the pinned versions and copy the
# minified builds and licences into src/eventwire/serve/static/vendor/ (see its README.md).
# Needs node and npm; nothing here runs at eventwire's run time.
set -euo pipefail
vendor="$(cd "$(dirname "$0")/.." && pwd)/src/eventwire/serve/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts chart.js@4.6.1 cytoscape@3.34.4 swagger-ui-dist@5.35.0
m=node_modules
cp "$m/chart.js/dist/chart.umd.min.js" "$vendor/"
cp "$m/chart.js/LICENSE.md" "$vendor/chart.js.LICENSE.md"
cp "$m/@kurkle/color/LICENSE.md" "$vendor/kurkle-color.LICENSE.md"
cp "$m/cytoscape/dist/cytoscape.min.js" "$vendor/"
cp "$m/cytoscape/LICENSE" "$vendor/cytoscape.LICENSE"
cp "$m/swagger-ui-dist/swagger-ui-bundle.js" "$m/swagger-ui-dist/swagger-ui.css" "$vendor/"
cp "$m/swagger-ui-dist/LICENSE" "$vendor/swagger-ui.LICENSE"
cp "$m/swagger-ui-dist/NOTICE" "$vendor/swagger-ui.NOTICE"
cp "$m/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" "$vendor/"
echo "vendored into $vendor"
