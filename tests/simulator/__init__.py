# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A stateful simulator of the Qualys WAS QPS REST 3.0 API, for tests, benchmarks and demos (see README.md)."""

from .launch import Options, Simulator, start_simulator

__all__ = ["Options", "Simulator", "start_simulator"]
