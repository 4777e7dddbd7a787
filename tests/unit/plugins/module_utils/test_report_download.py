# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A report downloaded to dest as get_url writes a file: atomically, kept without force, no partial file left."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest
import requests
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.testing import patch_module_args

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError
from ansible_collections.qualys.was.plugins.module_utils.report_download import DOWNLOAD, SPEC, download, kept
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, error_response

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" * 20
REPORT = [{"id": 8001}]


def host(**params):
    with patch_module_args(params):
        return AnsibleModule(argument_spec=dict(SPEC), add_file_common_args=True, supports_check_mode=True)


def client(replies, retries=0):
    settings = ConnectionSettings("https://qualys.example.test", "api-user", "api-pass", retries=retries)
    return QualysClient(settings, session=FakeSession(replies), sleep=lambda seconds: None)


def leftovers(folder):
    return sorted(name for name in os.listdir(folder) if name.endswith(".part"))


def test_the_download_lands_whole_with_its_checksum_size_and_mode(tmp_path):
    dest = str(tmp_path / "findings.pdf")
    module = host(dest=dest, mode="0640")
    result = download(module, client([Reply(PDF)]), REPORT, module.params)
    with open(dest, "rb") as handle:
        assert handle.read() == PDF
    assert result == {
        "changed": True,
        "dest": dest,
        "downloaded": True,
        "checksum": hashlib.sha1(PDF).hexdigest(),
        "size": len(PDF),
    }
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o640 and leftovers(tmp_path) == []


def test_an_existing_dest_is_kept_without_force_and_replaced_with_it(tmp_path):
    dest = tmp_path / "findings.pdf"
    dest.write_bytes(b"old report")
    module = host(dest=str(dest))
    assert kept(module, module.params) == {
        "changed": False,
        "dest": str(dest),
        "downloaded": False,
        "checksum": hashlib.sha1(b"old report").hexdigest(),
        "size": 10,
    }
    forced = host(dest=str(dest), force=True)
    assert kept(forced, forced.params) is None
    assert download(forced, client([Reply(PDF)]), REPORT, forced.params)["changed"] is True
    assert dest.read_bytes() == PDF


def test_the_same_content_downloaded_again_is_no_change(tmp_path):
    dest = tmp_path / "findings.pdf"
    dest.write_bytes(PDF)
    module = host(dest=str(dest), force=True)
    result = download(module, client([Reply(PDF)]), REPORT, module.params)
    assert (result["changed"], result["downloaded"]) == (False, True) and leftovers(tmp_path) == []


def test_a_download_that_fails_leaves_no_partial_file_and_the_old_one_as_it_was(tmp_path):
    def broken():
        yield PDF[:600]
        raise requests.exceptions.ChunkedEncodingError("connection broken")

    dest = tmp_path / "findings.pdf"
    dest.write_bytes(b"old report")
    module = host(dest=str(dest), force=True)
    with pytest.raises(QualysApiError, match="broke off"):
        download(module, client([Reply(chunks=broken())]), REPORT, module.params)
    assert dest.read_bytes() == b"old report" and leftovers(tmp_path) == []
    fresh = host(dest=str(tmp_path / "new.pdf"))
    refusal = error_response("INVALID_REQUEST", "Report 8001 is not yet complete.")
    with pytest.raises(QualysApiError, match="not yet complete"):
        download(fresh, client([Reply(refusal, status=400)]), REPORT, fresh.params)
    assert sorted(os.listdir(tmp_path)) == ["findings.pdf"]


def test_a_dest_that_is_a_folder_or_in_no_folder_fails_before_any_call(tmp_path):
    folder = host(dest=str(tmp_path))
    with pytest.raises(QualysError, match="is a directory"):
        kept(folder, folder.params)
    nowhere = host(dest=str(tmp_path / "missing" / "r.pdf"))
    with pytest.raises(QualysError, match="does not exist"):
        download(nowhere, client([]), REPORT, nowhere.params)


def test_the_step_asks_for_file_arguments_and_is_taken_for_dest():
    assert DOWNLOAD.option == "dest" and DOWNLOAD.module_rules == {"add_file_common_args": True}
    assert SPEC["force"]["default"] is False
