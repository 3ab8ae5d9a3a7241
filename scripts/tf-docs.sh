#!/usr/bin/env bash
# Regenerates the Inputs/Outputs tables of terraform/README.md and each module's README.md from
# variables.tf and outputs.tf (between <!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS -->), a small
# stand-in for terraform-docs. --check only reports stale READMEs (exit 1), as make tf-test does.
set -euo pipefail
cd "$(dirname "$0")/../terraform"
python3 - "${1:-}" . modules/deployer-iam modules/lambda-role modules/upload-monitor modules/status-site <<'PY'
import pathlib, re, sys

check, dirs = sys.argv[1] == "--check", sys.argv[2:]
BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"

def blocks(text, kind):
    for m in re.finditer(r'^%s "([^"]+)" \{\n(.*?)^\}' % kind, text, re.S | re.M):
        yield m.group(1), m.group(2)

def attr(body, name):
    m = re.search(r'^  %s\s*=\s*(.*)$' % name, body, re.M)
    if not m:
        return None
    value = m.group(1).strip()
    if value[-1:] in "{([":  # multi-line value: up to the closing line at the same indentation
        rest = body[m.end():]
        end = re.search(r'^  [}\])].*$', rest, re.M)
        value = re.sub(r'\s+', ' ', value + rest[:end.end()])
    return value

def cell(text):
    return text.replace("|", "\\|")

def tables(d):
    out = ["## Inputs", "", "| Name | Description | Type | Default |", "|------|-------------|------|---------|"]
    for name, body in blocks((d / "variables.tf").read_text(), "variable"):
        desc = cell((attr(body, "description") or '""')[1:-1].replace('\\"', '"'))
        default = attr(body, "default")
        default = "n/a (required)" if default is None else "`%s`" % cell(default)
        out.append(f"| `{name}` | {desc} | `{cell(attr(body, 'type') or 'any')}` | {default} |")
    out += ["", "## Outputs", "", "| Name | Description |", "|------|-------------|"]
    for name, body in blocks((d / "outputs.tf").read_text(), "output"):
        desc = cell((attr(body, "description") or '""')[1:-1].replace('\\"', '"'))
        out.append(f"| `{name}` | {desc} |")
    return "\n".join(out)

stale = []
for d in map(pathlib.Path, dirs):
    readme = d / "README.md"
    text = readme.read_text()
    if BEGIN not in text:
        raise SystemExit(f"{readme}: no {BEGIN} marker")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    new = f"{head}{BEGIN}\n{tables(d)}\n{END}{tail}"
    if new != text:
        stale.append(str(readme))
        if not check:
            readme.write_text(new)
if check and stale:
    raise SystemExit("stale Inputs/Outputs tables (run scripts/tf-docs.sh): " + ", ".join(stale))
print("tf-docs: " + ("checked" if check else "updated") + f" {len(dirs)} READMEs" + (f", {len(stale)} changed" if stale and not check else ""))
PY
