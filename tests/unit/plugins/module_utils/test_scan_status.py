# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.module_utils.scan_status import end_words


def scan(status, results=None):
    return {"status": status, "summary": {"results_status": results} if results else None}


@pytest.mark.parametrize("status", ["submitted", "running", "processing", "canceling", None])
def test_a_scan_that_has_not_ended_has_no_end_words(status):
    assert end_words(scan(status)) is None


@pytest.mark.parametrize("results", [None, "to_be_processed", "processing"])
def test_a_finished_scan_whose_results_are_not_settled_has_not_ended(results):
    # DUSTY polls through TO_BE_PROCESSED and PROCESSING after FINISHED; a running scan has no summary at all.
    assert end_words(scan("finished", results)) is None


@pytest.mark.parametrize("results", ["successful", "finished", "no_web_service", "time_limit_exceeded"])
def test_a_finished_scan_ends_in_its_results_status(results):
    assert end_words(scan("finished", results)) == (results,)


def test_any_other_end_reads_as_its_status_and_a_results_status_that_differs():
    assert end_words(scan("canceled", "canceled_with_results")) == ("canceled", "canceled_with_results")
    assert end_words(scan("error", "error")) == ("error",)
    assert end_words(scan("scanner_not_available")) == ("scanner_not_available",)


def test_no_record_has_no_end():
    assert end_words(None) is None
    assert end_words({}) is None
