"""Load step: the pack folder read into validated, frozen models."""

from boardpack.inputs.config import PackConfig
from boardpack.inputs.pack import PackInputs, read_pack
from boardpack.inputs.report import PackInvalid, Problem, ProblemsFound, ValidationReport

__all__ = ["PackConfig", "PackInputs", "PackInvalid", "Problem", "ProblemsFound", "ValidationReport", "read_pack"]
