# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every module's DOCUMENTATION describes exactly the argument spec it runs with.

Modules are discovered in plugins/modules, so a new module is covered without touching this file. The argument
spec is the one each module really hands to AnsibleModule (connection options included), and the documentation
is the module's own merged with the doc fragments it extends, as ansible-doc shows it.
"""

from __future__ import annotations

import importlib
import os
import re
from unittest import mock

import pytest
import yaml

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.qualys.was.plugins.module_utils.fields import Group, Integer, Items

COLLECTION = "ansible_collections.qualys.was"
FILE_OPTIONS = basic.FILE_COMMON_ARGUMENTS
MODULES_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugins", "modules")
MODULES = sorted(
    name[: -len(".py")]
    for name in os.listdir(MODULES_DIR)
    if name.endswith(".py") and not name.startswith("_") and name != "__init__.py"
)
SECRET_NAME = re.compile(r"(^|_)(password|passphrase|secret|token|api_key|private_key)($|_)")
NEVER_SHOWN = re.compile(r"never (shown|displayed|logged|returned)|not (shown|displayed|logged)", re.IGNORECASE)


class SpecCaptured(Exception):
    def __init__(self, spec):
        super().__init__("argument spec captured")
        self.spec = spec


def load(name):
    return importlib.import_module("%s.plugins.modules.%s" % (COLLECTION, name))


def argument_spec(module):
    """The argument spec the module's main() gives AnsibleModule."""

    def capture(self, *args, **kwargs):  # pylint: disable=unused-argument
        spec = kwargs["argument_spec"] if "argument_spec" in kwargs else args[0]
        # A module that writes a file takes the file options (mode, owner, ...) as AnsibleModule adds them.
        raise SpecCaptured(dict(spec, **basic.FILE_COMMON_ARGUMENTS) if kwargs.get("add_file_common_args") else spec)

    with mock.patch.object(basic.AnsibleModule, "__init__", capture), patch_module_args({}):
        try:
            module.main()
        except SpecCaptured as captured:
            return captured.spec
    raise AssertionError("%s.main() did not create an AnsibleModule" % module.__name__)


def fragment_options(name):
    """The options of a doc fragment of this collection, ``qualys.was.connection[.VARIABLE]``, or of ansible-core
    (``ansible.builtin.files``, the file options of a module that writes a file)."""
    parts = name.split(".")
    assert parts[:2] in (["qualys", "was"], ["ansible", "builtin"]) and len(parts) in (3, 4), (
        "unexpected doc fragment %s" % name
    )
    variable = parts[3].upper() if len(parts) == 4 else "DOCUMENTATION"
    if parts[0] == "qualys":
        fragment = importlib.import_module("%s.plugins.doc_fragments.%s" % (COLLECTION, parts[2])).ModuleDocFragment
        return yaml.safe_load(getattr(fragment, variable)).get("options") or {}
    # ansible-core's files fragment documents the file options AnsibleModule adds. The unit tests of modules run
    # where only ansible.module_utils exists (ansible-test's module context), and importing ansible.plugins would
    # make this process a controller; its options are taken as AnsibleModule declares them, which ansible-core's own
    # sanity tests hold to that fragment.
    assert parts[2:] == ["files"], "unexpected ansible-core doc fragment %s" % name
    return {option: dict(spec, description="As ansible-core documents it.") for option, spec in FILE_OPTIONS.items()}


def documented_options(module):
    documentation = yaml.safe_load(module.DOCUMENTATION)
    options = dict(documentation.get("options") or {})
    fragments = documentation.get("extends_documentation_fragment") or []
    for fragment in [fragments] if isinstance(fragments, str) else fragments:
        for option, description in fragment_options(fragment).items():
            # As ansible-doc merges them: the module's keys of an option over the fragment's, one level deep; a key
            # both give would be the module's silently, so none may be given twice.
            twice = sorted(set(options.get(option) or {}) & set(description))
            assert not twice, "%s: %s documented by the module and by %s" % (option, ", ".join(twice), fragment)
            options[option] = dict(description, **(options.get(option) or {}))
    return options


def description_text(documented):
    description = documented.get("description") or ""
    return " ".join(description) if isinstance(description, list) else description


def differences(spec, documented, prefix=""):
    """Every way ``documented`` (DOCUMENTATION options) and ``spec`` (argument spec options) disagree."""
    problems = []
    for name in sorted(set(spec) - set(documented)):
        problems.append("%s%s is in the argument spec but not documented" % (prefix, name))
    for name in sorted(set(documented) - set(spec)):
        problems.append("%s%s is documented but not in the argument spec" % (prefix, name))
    for name in sorted(set(spec) & set(documented)):
        option, doc, where = spec[name], documented[name] or {}, prefix + name
        for key, default in (("type", "str"), ("elements", None), ("default", None), ("required", False)):
            if option.get(key, default) != doc.get(key, default):
                problems.append(
                    "%s: %s is %r in the spec, %r in DOCUMENTATION"
                    % (where, key, option.get(key, default), doc.get(key, default))
                )
        for key in ("choices", "aliases"):
            in_spec, in_doc = sorted(map(str, option.get(key) or [])), sorted(map(str, doc.get(key) or []))
            if in_spec != in_doc:
                problems.append("%s: %s are %s in the spec, %s in DOCUMENTATION" % (where, key, in_spec, in_doc))
        if not description_text(doc).strip():
            problems.append("%s has no description" % where)
        if option.get("no_log") and not NEVER_SHOWN.search(description_text(doc)):
            problems.append("%s is no_log, but its description does not say it is never shown" % where)
        if SECRET_NAME.search(name) and "no_log" not in option and option.get("type", "str") in ("str", "raw"):
            problems.append("%s looks like a secret but is not no_log" % where)
        if option.get("options") or doc.get("suboptions"):
            problems.extend(differences(option.get("options") or {}, doc.get("suboptions") or {}, where + "."))
    return problems


def field_tables(module):
    """Every table of fields a module declares: a resource's fields, and lists of option-and-kind entries."""
    tables = []
    for value in vars(module).values():
        fields = getattr(value, "fields", None)
        if isinstance(fields, (list, tuple)) and not isinstance(value, Group):
            tables.append(fields)
        elif isinstance(value, (list, tuple)) and value and all(hasattr(item, "option") for item in value):
            tables.append(value)
    return tables


def ranges(fields, spec, documented, prefix=""):
    """(option path, minimum, maximum, description) of every bounded Integer option, nested ones included."""
    found = []
    for field in fields:
        kind = getattr(field, "kind", None)
        if getattr(field, "read_only", False) or field.option not in spec or field.option not in documented:
            continue
        where, doc = prefix + field.option, documented[field.option] or {}
        element = kind.kind if isinstance(kind, Items) else kind
        if isinstance(element, Integer) and (element.minimum is not None or element.maximum is not None):
            found.append((where, element.minimum, element.maximum, description_text(doc)))
        if isinstance(element, Group):
            found.extend(
                ranges(
                    element.fields, spec[field.option].get("options") or {}, doc.get("suboptions") or {}, where + "."
                )
            )
    return found


def states_range(description, minimum, maximum):
    """Whether a description gives the bounds: ``from 1 to 10``, ``0 to 2000``, ``1 or more``, ``at most 31``."""
    text = " ".join(description.split())
    if minimum is not None and maximum is not None:
        patterns = [r"(?<![\d.])%d\b\D{1,12}(?<![\d.])%d\b" % (minimum, maximum)]
    elif minimum is not None:
        patterns = [
            r"(at least|minimum(?: of)?|from|>=)\s+%d\b" % minimum,
            r"(?<![\d.])%d or (more|greater|higher)" % minimum,
        ]
    else:
        patterns = [
            r"(at most|maximum(?: of)?|up to|<=)\s+%d\b" % maximum,
            r"(?<![\d.])%d or (less|fewer|lower)" % maximum,
        ]
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns)


def bounded_options(name):
    module = load(name)
    spec, documented = argument_spec(module), documented_options(module)
    return [found for table in field_tables(module) for found in ranges(table, spec, documented)]


BOUNDED = {name: bounded_options(name) for name in MODULES}
# Bounds the descriptions do not give yet. Each is expected to fail; once its description states the range the
# test passes, which fails the run (strict) until the entry is removed here.
RANGE_CASES = [
    pytest.param(
        name,
        where,
        minimum,
        maximum,
        description,
        id="%s:%s" % (name, where),
    )
    for name, found in BOUNDED.items()
    for where, minimum, maximum, description in found
]


def test_every_module_is_found():
    assert {"was_option_profile", "was_scan_schedule", "was_auth_record_info"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_the_documented_options_are_the_argument_spec(name):
    module = load(name)
    problems = differences(argument_spec(module), documented_options(module))
    assert not problems, "\n".join(problems)


def test_bounded_options_are_found_in_the_field_tables():
    found = {
        (name, where): (minimum, maximum) for name in BOUNDED for where, minimum, maximum, _description in BOUNDED[name]
    }
    assert found[("was_option_profile", "custom_performance.num_of_http_threads")] == (1, 10)
    assert found[("was_scan_schedule", "scheduling.monthly_occurrence.day_nb_in_month.day_nb")] == (1, 31)


@pytest.mark.parametrize("name, where, minimum, maximum, description", RANGE_CASES)
def test_a_bounded_integer_option_states_its_range(name, where, minimum, maximum, description):
    assert states_range(description, minimum, maximum), "%s %s (%s to %s) does not say so: %r" % (
        name,
        where,
        minimum,
        maximum,
        description,
    )
