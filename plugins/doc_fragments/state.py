# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with plugins/module_utils/one_object.py state_argument_spec(): the options of every managing module.
    DOCUMENTATION = r"""
options:
  id:
    description:
      - Id of an existing object. Takes precedence over O(name) to find the object.
    type: int
  state:
    description:
      - V(present) creates the object or brings the options the task sets to the given values.
      - V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  all_with_name:
    description:
      - With O(state=absent), delete every object named O(name) rather than failing when several share the name.
      - Qualys does not require names to be unique, so duplicates made outside the task, or by a create whose
        outcome was unknown, can be removed without the Qualys UI.
    type: bool
    default: false
"""
