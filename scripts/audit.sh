#!/usr/bin/env bash
# Dependency hygiene: known vulnerabilities in the Python and npm packages.
#
#   make audit                 report; exit 1 if a vulnerability is found
#   AUDIT_STRICT=1 make audit  also exit 2 when a vulnerability service cannot be reached
#
# Each check says plainly whether it ran, found nothing, found something, or
# could not reach its registry's vulnerability service (no result is never
# reported as "no vulnerabilities").
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
found=0
unreachable=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== Python packages (pip-audit) =="
if ! $PY -m pip_audit --version >/dev/null 2>&1; then
  echo "pip-audit is not installed: run make install (it is a dev dependency)."
  unreachable=1
else
  $PY -m pip_audit --progress-spinner off --skip-editable -f json -o "$tmp/pip.json" \
    >"$tmp/pip.out" 2>&1
  status=$?
  $PY - "$tmp/pip.json" "$status" <<'PYEOF'
import json, sys
path, status = sys.argv[1], int(sys.argv[2])
try:
    report = json.load(open(path))
except (OSError, ValueError):
    print("pip-audit: could not reach the vulnerability service (PyPI / OSV); no result.")
    sys.exit(3)
deps = report.get("dependencies", [])
audited = [d for d in deps if "skip_reason" not in d]
vulnerable = [d for d in audited if d.get("vulns")]
if deps and not audited:
    print(f"pip-audit: the vulnerability service could not be reached: none of {len(deps)} "
          "packages could be audited; no result.")
    sys.exit(3)
for dep in vulnerable:
    ids = ", ".join(v["id"] for v in dep["vulns"])
    print(f"  {dep['name']} {dep['version']}: {ids}")
skipped = len(deps) - len(audited)
print(f"pip-audit: {len(audited)} packages audited, {len(vulnerable)} vulnerable"
      + (f", {skipped} could not be audited" if skipped else "") + ".")
sys.exit(1 if vulnerable else 0)
PYEOF
  case $? in 0) ;; 1) found=1 ;; *) unreachable=1 ;; esac
fi

echo "== npm packages (npm audit) =="
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed; npm packages not audited."
  unreachable=1
else
  npm audit --json >"$tmp/npm.json" 2>"$tmp/npm.err"
  $PY - "$tmp/npm.json" "$tmp/npm.err" <<'PYEOF'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    report = {}
errors = open(sys.argv[2]).read()
if "error" in report or not report.get("metadata"):
    detail = (
        report.get("message")
        or (report.get("error") or {}).get("summary")
        or " ".join(errors.strip().splitlines()[:1])
        or "no answer"
    )
    print(f"npm audit: the registry's audit service could not be reached ({detail}); no result.")
    sys.exit(3)
totals = report["metadata"]["vulnerabilities"]
count = sum(v for k, v in totals.items() if k != "total" and k != "info")
for name, item in report.get("vulnerabilities", {}).items():
    print(f"  {name}: {item.get('severity')}")
print(f"npm audit: {count} vulnerable packages ({totals}).")
sys.exit(1 if count else 0)
PYEOF
  case $? in 0) ;; 1) found=1 ;; *) unreachable=1 ;; esac
fi

if [ "$found" = 1 ]; then
  echo "Vulnerabilities found: see above."
  exit 1
fi
if [ "$unreachable" = 1 ]; then
  echo "Not every check could run: the result above is incomplete, not clean."
  [ "${AUDIT_STRICT:-0}" = 1 ] && exit 2
  exit 0
fi
echo "No known vulnerabilities."
