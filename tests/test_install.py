"""The installed package finds its bundled packs from any working directory."""
from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES


def test_bundled_packs_load_outside_the_checkout(tmp_path):
    seed = FIXTURES / "seeds" / "002_6b60b24255ca42ac.txt"
    code = ("import sys, cleaner; doc = cleaner.clean(open(sys.argv[1], 'rb').read()); "
            "print(doc.title); print(len(cleaner.Cleaner().rules.rules))")
    result = subprocess.run([sys.executable, "-c", code, str(seed)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    title, count = result.stdout.splitlines()
    assert title == "Japan, US say 3-way ties with S. Korea are key to security"
    assert int(count) > 20
