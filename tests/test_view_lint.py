"""The explorer's own scripts pass ESLint (the project's package.json and lockfile pin it; scripts/test.sh installs it
into node_modules/), and their texts stay in the one i18n table, the same keys in English and Spanish."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import IN_CI, REPO, require_program

TEMPLATES = REPO / "src" / "kg" / "view" / "templates"
ESLINT = REPO / "node_modules" / ".bin" / "eslint"


def test_scripts_pass_eslint():
    node = require_program("node", "nodejs")
    if not ESLINT.exists():
        message = "ESLint is not installed (scripts/test.sh runs `npm ci`, which installs it into node_modules/)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run([node, str(ESLINT), "--max-warnings", "0", "--format", "json", str(TEMPLATES)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.stdout, done.stderr
    report = json.loads(done.stdout)
    linted = {entry["filePath"].rsplit("/", 1)[-1] for entry in report}
    assert linted == {p.name for p in TEMPLATES.glob("*.js")}  # every script, none skipped by the config
    problems = [f"{entry['filePath'].rsplit('/', 1)[-1]}:{m['line']}:{m['column']}: {m['message']} ({m.get('ruleId')})"
                for entry in report for m in entry["messages"]]
    assert problems == [] and done.returncode == 0, "\n".join(problems) or done.stderr


def test_the_linter_catches_what_it_is_for(tmp_path):
    """The configuration is live: a script that puts data into the page as HTML, or leaks a global, fails."""
    node = require_program("node", "nodejs")
    if not ESLINT.exists():
        if IN_CI:
            pytest.fail("ESLint is not installed")
        pytest.skip("ESLint is not installed")
    bad = TEMPLATES / "zz-lint-probe.js"
    bad.write_text('(function () {\n  "use strict";\n  document.body.innerHTML = window.KG.data.title;\n'
                   '  leaked = 1;\n})();\n', encoding="utf-8")
    try:
        done = subprocess.run([node, str(ESLINT), "--format", "json", str(bad)], cwd=REPO, capture_output=True,
                              text=True, timeout=300)
    finally:
        bad.unlink()
    rules = {m.get("ruleId") for entry in json.loads(done.stdout) for m in entry["messages"]}
    assert {"no-restricted-properties", "no-undef"} <= rules and done.returncode == 1


def test_one_text_table_with_the_same_keys_in_both_languages():
    node = require_program("node", "nodejs")
    script = ("global.window = {KG: {}}; require(" + json.dumps(str(TEMPLATES / "i18n.js")) + ");"
              "const ui = window.KG.UI;"
              "const shape = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'function'"
              " ? 'function/' + v.length : (v && typeof v === 'object' && k !== 'plotly') ? shape(v) : typeof v]));"
              "console.log(JSON.stringify({en: shape(ui.en), es: shape(ui.es)}));")
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    tables = json.loads(done.stdout)
    assert tables["en"] == tables["es"]  # every key in both, each a text or a function of the same arguments
    # No other script writes words of its own into the page: string literals with letters in them are ids,
    # selectors, CSS, plotly settings or the names of the page's elements, never sentences.
    sentences = []
    for path in sorted(TEMPLATES.glob("*.js")):
        if path.name == "i18n.js":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().startswith(("//", "/*", "*")):
                continue
            for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
                if re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{2,}", literal):
                    sentences.append(f"{path.name}:{number}: {literal}")
    assert sentences == []
