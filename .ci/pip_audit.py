"""`make audit` (run by `make test`): pip-audit of the pinned requirements as installed in .venv.

The venv is built from requirements.txt and requirements-test.txt, pinned exactly, so auditing it
audits those pins and everything they pull in. A known vulnerability fails the run.

pip-audit asks a vulnerability service about each release: PyPI's JSON API, else OSV. Where
neither can answer (a machine that reaches only a package mirror without PyPI's per-release JSON,
and no OSV), the audit cannot be done: this says so plainly and exits 0, SKIPPED rather than
passed, so that CI on such a machine is not failed by the network.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
SERVICES = ("pypi", "osv")


def audit(service: str) -> tuple[dict | None, str]:
    """pip-audit's JSON report from one service, or None and why not."""
    command = [
        str(PIP_AUDIT),
        "--local",
        "--vulnerability-service",
        service,
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        "15",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None, f"{service}: no answer within 300 s"
    try:
        return json.loads(result.stdout), ""
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"{service}: {last[:300]}"


def main() -> int:
    reasons = []
    for service in SERVICES:
        report, reason = audit(service)
        if report is None:
            reasons.append(reason)
            continue
        dependencies = report.get("dependencies", [])
        audited = [d for d in dependencies if "skip_reason" not in d]
        if not audited:
            example = dependencies[0].get("skip_reason", "") if dependencies else "no packages"
            reasons.append(
                f"{service}: audited none of {len(dependencies)} packages (e.g. “{example}”)"
            )
            continue
        vulnerable = [d for d in audited if d.get("vulns")]
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
                print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fix: {fixes})")
        skipped = len(dependencies) - len(audited)
        print(
            f"pip-audit ({service}): {len(audited)} packages audited, {skipped} skipped, "
            f"{sum(len(d['vulns']) for d in vulnerable)} known vulnerabilities"
        )
        return 1 if vulnerable else 0
    print("pip-audit SKIPPED: no vulnerability service could answer from this machine.")
    for reason in reasons:
        print(f"  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
