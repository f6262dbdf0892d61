"""Load step: the pack folder read into validated, frozen models."""

from boardpack.inputs.config import PackConfig
from boardpack.inputs.pack import PackInputs, read_pack
from boardpack.inputs.report import PackInvalid, Problem, ValidationReport

__all__ = ["PackConfig", "PackInputs", "PackInvalid", "Problem", "ValidationReport", "read_pack"]
