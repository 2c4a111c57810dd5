"""Executes a notebook headless, as Jupyter would, and writes the executed copy with its outputs.

usage: run_notebook.py <notebook.ipynb> <out.ipynb>

The kernel is "python3" of the interpreter running this script (tools/notebook.sh runs it with .venv's
python, so the kernel sees the packages of examples/requirements.txt). Cells run in the notebook's own
folder, as in Jupyter, so its relative paths hold. Exit 1 when a cell fails or exceeds the per-cell
timeout; the executed copy is written either way, with the error in the failing cell's outputs.
"""

import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

CELL_TIMEOUT_S = 120


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    source, out = Path(argv[1]), Path(argv[2])
    notebook = nbformat.read(source, as_version=4)
    started = time.monotonic()
    failure: BaseException | None = None
    # The kernel talks over Unix sockets in a private folder rather than over unencrypted localhost TCP.
    with tempfile.TemporaryDirectory(prefix="stancegraph-kernel-") as sockets:
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT_S,
            kernel_name="python3",
            config=Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}}),
            resources={"metadata": {"path": str(source.parent.resolve())}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            failure = error
        except Exception as error:  # timeouts, a dead kernel: report them the same way
            failure = error
        finally:
            out.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, out)
    seconds = time.monotonic() - started
    if failure is not None:
        print(f"{source}: failed after {seconds:.1f} s; executed copy in {out}\n{failure}", file=sys.stderr)
        return 1
    cells = sum(1 for cell in notebook.cells if cell.cell_type == "code")
    print(f"{source}: {cells} code cells ran in {seconds:.1f} s; executed copy in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
