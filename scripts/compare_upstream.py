"""Compare the junit reports of `make test-upstream`: which failures are ours, which theirs.

Usage: compare_upstream.py REPORT_DIR MODULE... ; exits 1 when a test fails only with our
addons installed (or fails to run there), 0 otherwise.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def outcomes(path):
    """{test id: "passed" | "failed" | "skipped"} from a junit XML file."""
    result = {}
    if not path.exists():
        return result
    for case in ET.parse(path).getroot().iter("testcase"):
        test_id = f"{case.get('classname')}.{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            result[test_id] = "failed"
        elif case.find("skipped") is not None:
            result[test_id] = "skipped"
        else:
            result[test_id] = "passed"
    return result


def main(report_dir, modules):
    report_dir = Path(report_dir)
    ours_total = 0
    for module in modules:
        theirs = outcomes(report_dir / f"{module}-theirs.xml")
        ours = outcomes(report_dir / f"{module}-ours.xml")
        # the failures with our addons, run once more: a test that passed then is flaky
        rerun = outcomes(report_dir / f"{module}-ours-rerun.xml")
        flaky = sorted(t for t, o in ours.items() if o == "failed" and rerun.get(t) == "passed")
        ours.update(dict.fromkeys(flaky, "passed"))
        if not ours:
            print(f"{module}: no test ran with our addons (see {report_dir}/{module}-ours.log)")
            ours_total += 1
            continue
        failed_ours = sorted(
            t for t, o in ours.items() if o == "failed" and theirs.get(t) != "failed"
        )
        failed_both = sorted(
            t for t, o in ours.items() if o == "failed" and theirs.get(t) == "failed"
        )
        passed = sum(1 for o in ours.values() if o == "passed")
        print(
            f"{module}: {len(ours)} tests, {passed} passed; "
            f"{len(failed_ours)} fail because of our addons, "
            f"{len(failed_both)} fail without them too"
        )
        for test in failed_ours:
            print(f"  OURS    {test}")
        for test in flaky:
            print(f"  flaky   {test} (failed, then passed when run again)")
        for test in failed_both:
            print(f"  theirs  {test}")
        ours_total += len(failed_ours)
    print(f"{ours_total} upstream test failure(s) caused by our addons")
    return 1 if ours_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
