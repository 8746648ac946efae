"""The pre-commit hooks, run by the real `pre-commit` on a corpus repo that uses this checkout.

The hook repo is a copy of this checkout committed to a temporary git repo (pre-commit clones
hook repos by git), and the corpus repo keeps the seed pages under seeds/. pre-commit installs
cleaner into its own environment with pip, so the first run takes a while.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, expected, seed_names

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
HOOK_REPO_PARTS = ("cleaner", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")

pytestmark = pytest.mark.skipif(not (Path(PRE_COMMIT).exists() and shutil.which("git")),
                                reason="needs git and pre-commit (pip install '.[test]')")


def git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                           *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PYTHONIOENCODING="utf-8")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This checkout's package, packs and hooks file, committed to a fresh git repo."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for part in HOOK_REPO_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, repo / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        else:
            shutil.copy(source, repo / part)
    git("init", "-q", ".", cwd=repo)
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "hooks under test", cwd=repo)
    return repo, git("rev-parse", "HEAD", cwd=repo)


@pytest.fixture
def corpus(tmp_path, hook_repo) -> Path:
    """A corpus repo with the seed pages under seeds/ and a config naming both hooks."""
    repo_path, rev = hook_repo
    corpus = tmp_path / "corpus"
    (corpus / "seeds").mkdir(parents=True)
    for name in seed_names():
        shutil.copy(FIXTURES / "seeds" / f"{name}.txt", corpus / "seeds" / f"{name}.txt")
    (corpus / "notes.txt").write_text("A note outside seeds/: Subscribe to our newsletter.\n")
    config = {"repos": [{"repo": str(repo_path), "rev": rev,
                         "hooks": [{"id": "cleaner-check"}, {"id": "cleaner-fix"}]}]}
    (corpus / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git("init", "-q", ".", cwd=corpus)
    git("add", ".", cwd=corpus)
    git("commit", "-q", "-m", "seed pages", cwd=corpus)
    return corpus


def test_hooks_file_names_both_hooks_with_what_pre_commit_needs():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cleaner-check", "cleaner-fix"}
    for hook in hooks.values():
        assert {"name", "description", "entry", "files"} <= set(hook)
        assert hook["language"] == "python" and hook["types"] == ["text"]


def test_readme_shows_the_config_block_with_every_hook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook_id in ("cleaner-check", "cleaner-fix"):
        assert f"- id: {hook_id}" in readme


def test_check_fails_fix_rewrites_then_both_pass(corpus, tmp_path):
    home = tmp_path / "pre-commit-home"
    seeds = [f"seeds/{name}.txt" for name in seed_names()]

    check = pre_commit("run", "cleaner-check", "--all-files", cwd=corpus, home=home)
    assert check.returncode == 1, check.stdout + check.stderr
    for path in seeds:
        assert f"{path}: " in check.stdout
    assert "paywall/" in check.stdout
    assert "notes.txt" not in check.stdout, "the default files pattern keeps to seeds/"

    fix = pre_commit("run", "cleaner-fix", "--all-files", cwd=corpus, home=home)
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert fix.stdout.count("Fixing seeds/") == len(seeds)
    for name in seed_names():
        body, _ = expected(name)
        assert (corpus / "seeds" / f"{name}.txt").read_text(encoding="utf-8") == body + "\n"
    changed = git("status", "--porcelain", "--untracked-files=all", cwd=corpus).splitlines()
    assert sorted(line.split(maxsplit=1)[1] for line in changed) == sorted(seeds), \
        "only the pages were touched"
    assert "newsletter" in (corpus / "notes.txt").read_text()

    again = pre_commit("run", "--all-files", cwd=corpus, home=home)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Fixing" not in again.stdout
