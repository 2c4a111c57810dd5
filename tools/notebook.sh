#!/usr/bin/env bash
# The analyst notebook's Python environment, and a headless run of the notebook.
#   tools/notebook.sh setup            create .venv and install examples/requirements.txt into it, only when
#                                      the requirements changed since the last install (a sha256 stamp)
#   tools/notebook.sh run <out.ipynb>  set up, then execute examples/analyst.ipynb into <out.ipynb>;
#                                      exits non-zero when a cell fails (the partial notebook is still written)
# PYTHON names the interpreter that creates the venv (default python3, 3.11 or newer).
set -euo pipefail
caller_dir=$PWD
cd "$(dirname "$0")/.."

VENV=.venv
REQUIREMENTS=examples/requirements.txt
STAMP=$VENV/.requirements.sha256
PYTHON=${PYTHON:-python3}

fail() {
  echo "notebook: $*" >&2
  exit 1
}

venv_works() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys' 2>/dev/null
}

setup() {
  local want
  want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
  if venv_works && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  mkdir -p "$VENV"
  # CI and a test may set up at the same time: one installs, the other waits and then finds it done.
  if command -v flock >/dev/null; then
    exec 9>"$VENV/.setup.lock"
    flock 9
    if venv_works && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ]; then
      return 0
    fi
  fi
  if ! venv_works; then
    command -v "$PYTHON" >/dev/null || fail "$PYTHON not found (set PYTHON to a Python 3.11+ interpreter)"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
      fail "$("$PYTHON" --version 2>&1) is too old: pandas 3 needs Python 3.11+ (set PYTHON)"
    "$PYTHON" -m venv "$VENV" ||
      fail "'$PYTHON -m venv' failed; on Debian/Ubuntu: apt-get install python3-venv"
  fi
  echo "notebook: installing $REQUIREMENTS into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
  echo "$want" >"$STAMP"
}

case "${1:-}" in
  setup)
    setup
    ;;
  run)
    [ $# -eq 2 ] || fail "usage: tools/notebook.sh run <out.ipynb>"
    out=$2
    [[ $out = /* ]] || out=$caller_dir/$out
    setup
    # The kernel is the venv's ipykernel: its python first on PATH.
    PATH="$PWD/$VENV/bin:$PATH" exec "$VENV/bin/python" tools/run_notebook.py examples/analyst.ipynb "$out"
    ;;
  *)
    fail "usage: tools/notebook.sh setup | tools/notebook.sh run <out.ipynb>"
    ;;
esac
