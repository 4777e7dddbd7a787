# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


import pytest
import yaml

from ansible_collections.qualys.was.plugins.modules import was_option_profile
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    FAKE_PASSWORD,
    Reply,
    data_file,
    leaked_password,
    run_module,
    service_response,
    xml_tree,
)

EXAMPLES = yaml.safe_load(was_option_profile.EXAMPLES)
EMPTY = service_response("OptionProfile", [])


def example_args(index):
    """The options of one EXAMPLES task, pointed at the fake server."""
    args = dict(EXAMPLES[index]["qualys.was.was_option_profile"])
    args.update(CONNECTION)
    args.pop("platform")
    return args


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_option_profile.main, args, replies, monkeypatch, capsys, **flags)


def test_create_example_sends_the_seed_request(monkeypatch, capsys):
    created = data_file("seeds", "seed003-optionprofile-create-response.xml")
    result, session = run(example_args(0), [Reply(EMPTY), Reply(created)], monkeypatch, capsys)
    assert xml_tree(session.requests[1].body) == xml_tree(
        data_file("seeds", "seed003-optionprofile-create-request.xml")
    )
    assert result["changed"] is True and result["api_calls"] == 2
    assert result["option_profile"]["id"] == 1608560
    assert result["option_profile"]["custom_performance"] == {"num_of_http_threads": 5, "delay_between_requests": 100}


def test_update_example_sends_the_seed_request(monkeypatch, capsys):
    current = data_file("seeds", "seed003-optionprofile-create-response.xml")
    updated = data_file("seeds", "seed003-optionprofile-update-response.xml")
    # The example takes the id the create example registered: the seed's create response gave 1608560.
    args = dict(example_args(1), id=1608560)
    result, session = run(args, [Reply(current), Reply(updated)], monkeypatch, capsys)
    assert session.requests[1].url.endswith("/qps/rest/3.0/update/was/optionprofile/1608560")
    assert xml_tree(session.requests[1].body) == xml_tree(
        data_file("seeds", "seed003-optionprofile-update-request.xml")
    )
    assert result["changed"] is True and result["api_calls"] == 2
    # predicted from the read and the change: it is what the seed's get shows afterwards
    fetched = data_file("seeds", "seed003-optionprofile-get-response.xml")
    expected, expected_session = run(args, [Reply(fetched)], monkeypatch, capsys)
    assert result["option_profile"] == expected["option_profile"]


def test_a_task_equal_to_the_seed_profile_is_ok_in_one_call(monkeypatch, capsys):
    args = dict(EXAMPLES[2]["block"][0]["qualys.was.was_option_profile"], **CONNECTION)
    result, session = run(
        args, [Reply(data_file("seeds", "seed003-optionprofile-get-response.xml"))], monkeypatch, capsys
    )
    assert result["changed"] is False and result["api_calls"] == 1
    assert session.operations == ["search/optionprofile"]


def test_check_mode_and_diff_show_only_the_managed_options(monkeypatch, capsys):
    current = Reply(data_file("seeds", "seed003-optionprofile-get-response.xml"))
    args = dict(CONNECTION, name="Update Option Profile with Custom Scan Intensity", performance="high")
    result, session = run(args, [current], monkeypatch, capsys, check=True, diff=True)
    assert result["changed"] is True and len(session.requests) == 1
    assert result["diff"] == {
        "before": {"name": "Update Option Profile with Custom Scan Intensity", "performance": None},
        "after": {"name": "Update Option Profile with Custom Scan Intensity", "performance": "high"},
    }
    assert result["option_profile"]["custom_performance"] is None  # the server drops it with a predefined level


@pytest.mark.parametrize(
    "options, message",
    [
        (
            {"custom_performance": {"num_of_http_threads": 11, "delay_between_requests": 0}},
            "custom_performance.num_of_http_threads must be from 1 to 10, got 11",
        ),
        (
            {"custom_performance": {"num_of_http_threads": 1, "delay_between_requests": 2001}},
            "custom_performance.delay_between_requests must be from 0 to 2000, got 2001",
        ),
        (
            {"performance": "low", "custom_performance": {"num_of_http_threads": 1, "delay_between_requests": 1}},
            "parameters are mutually exclusive: performance|custom_performance",
        ),
        (
            {"performance": "turbo"},
            "value of performance must be one of: lowest, low, medium, high, maximum, got: turbo",
        ),
        ({"custom_performance": {"num_of_http_threads": 1}}, "missing required arguments: delay_between_requests"),
    ],
)
def test_invalid_input_fails_before_any_call(options, message, monkeypatch, capsys):
    result, session = run(dict(CONNECTION, name="P", **options), [], monkeypatch, capsys)
    assert result["failed"] is True
    assert message in result["msg"]
    assert session.requests == []


def test_a_qualys_refusal_names_the_operation_and_object_and_hides_the_password(monkeypatch, capsys):
    refusal = b"""<ServiceResponse><responseCode>INVALID_REQUEST</responseCode><responseErrorDetails>
      <errorMessage>Option profile with name 'P' already exists.</errorMessage>
      <errorResolution>Choose another name.</errorResolution></responseErrorDetails></ServiceResponse>"""
    result, result_session = run(dict(CONNECTION, name="P"), [Reply(EMPTY), Reply(refusal)], monkeypatch, capsys)
    assert result["failed"] is True
    assert result["msg"].startswith(
        "Qualys API call failed: create option profile 'P'; HTTP 200; responseCode INVALID_REQUEST"
    )
    assert (result["response_code"], result["error_resolution"]) == ("INVALID_REQUEST", "Choose another name.")
    assert result["api_calls"] == 2
    assert not leaked_password(result)


def test_connection_comes_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("QUALYS_PLATFORM", "EU2")
    monkeypatch.setenv("QUALYS_USERNAME", "env-user")
    monkeypatch.setenv("QUALYS_PASSWORD", FAKE_PASSWORD)
    result, session = run({"name": "P", "state": "absent"}, [Reply(EMPTY)], monkeypatch, capsys)
    assert result["changed"] is False
    assert session.requests[0].url == "https://qualysapi.qg2.apps.qualys.eu/qps/rest/3.0/search/was/optionprofile"
    assert session.auth == ("env-user", FAKE_PASSWORD)


def test_a_tasks_api_url_wins_over_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("QUALYS_PLATFORM", "EU2")
    result, session = run(dict(CONNECTION, name="P", state="absent"), [Reply(EMPTY)], monkeypatch, capsys)
    assert session.requests[0].url.startswith("https://qualys.example.test/")
