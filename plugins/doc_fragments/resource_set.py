# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with plugins/module_utils/resource_set.py resource_set_argument_spec(): every resource module's options.
    DOCUMENTATION = r"""
options:
  config:
    description:
      - The objects, each a dictionary of exactly the options of the one-object module (see the module's
        description), less O(state). An item means the object with its C(id), else with its exact C(name).
      - Each item is validated as the one-object module validates its options, and every item before any call.
      - With O(state=rendered), references to other objects given by name are shown as placeholders, since
        looking them up would need the API; give ids to render the exact request.
    type: list
    elements: dict
  state:
    description:
      - V(merged) creates each item's object or brings the options it sets to their values; nothing else is
        touched.
      - V(overridden) does what V(merged) does, then deletes every object inside O(scope) that no item names.
        It needs O(scope), and never deletes outside it.
      - V(deleted) deletes the objects the items name, or, without O(config), every object inside O(scope).
      - V(gathered) returns the objects inside O(scope), or all, as RV(gathered), a list valid as O(config) of
        this module and as options of the one-object module. Nothing is changed.
      - V(rendered) returns, without any call and without credentials, the XML request each item would send to
        create its object, as RV(rendered), for review.
      - There is no V(replaced) - replacing an object whole would need the server's default of every option
        the item leaves out, and Qualys documents few of them.
    type: str
    choices: [merged, overridden, deleted, gathered, rendered]
    default: merged
  scope:
    description:
      - The objects that O(state=overridden) and O(state=deleted) may delete and that O(state=gathered) reads.
        Every condition given must hold.
      - With O(state=overridden), and O(state=deleted) without O(config), the result's RV(in_scope) lists the
        objects the scope selects and those the task deletes; in check mode, those it would delete. Run in check
        mode first to see them before anything is deleted.
    type: dict
    suboptions:
      name_prefix:
        description:
          - Objects whose name starts with this text (case-sensitive), surrounding white space included.
          - A variable that holds a prefix ending in a space keeps the space when it is given on the command line
            as JSON or in a variables file, not in the C(key=value) form of C(-e), which drops it; the shorter
            prefix would take in more objects.
        type: str
      listed:
        description:
          - The names of the objects this scope selected when it was recorded, for example by an export that
            wrote RV(gathered) to a file along with the scope.
          - It selects nothing and protects nothing; the task warns when it deletes an object inside the scope
            whose name is not in the list - an object made since the list was recorded, or one a looser scope
            takes in. Objects that are in the list and that no item names are deleted without a warning, as
            removing an item from the file asks.
        type: list
        elements: str
      filters:
        description:
          - Further Qualys search criteria, passed to the search as they are, for example tags of option profiles
            (C(tags.id)) or the web apps of schedules (C(webApp.id)).
        type: list
        elements: dict
        suboptions:
          field:
            description: The searchable field, as the Qualys API names it.
            type: str
            required: true
          operator:
            description: The comparison, as the Qualys API names it, in lower case.
            type: str
            choices: [equals, not equals, contains, in, greater, lesser, none]
            default: equals
          value:
            description: The value, or a list of values for V(in). Not needed with V(none).
            type: raw
  read_concurrency:
    description:
      - How many objects are read with C(get) at once, where the tenant's searches return only a summary of each.
      - Keep it at or below the subscription's concurrency limit; calls over the limit are backed off, not lost.
    type: int
    default: 2
"""
