"""pytest configuration shared by all tests.

Hypothesis profiles: ``SEGMENTER_HYPOTHESIS_PROFILE=fuzz-long`` selects the long fuzz profile
(many examples, no deadline) registered in tests/hostile_strategies.py; the hostile property tests
(tests/test_hostile.py) then run with the profile's budget instead of their small CI one.
"""

from __future__ import annotations

import os

from hypothesis import settings

import hostile_strategies

hostile_strategies.register_profiles()

_profile = os.environ.get(hostile_strategies.PROFILE_ENV)
if _profile:
    settings.load_profile(_profile)
