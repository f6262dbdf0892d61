"""Next steps: the lead's own notes first, then rule-based suggestions from the period's results."""

from boardpack.notes.coverage import next_steps, unknown_step_keys
from boardpack.notes.lead_notes import LeadNotes, read_notes
from boardpack.notes.rules import NextStep, Rule, RuleError, load_rules

__all__ = ["LeadNotes", "NextStep", "Rule", "RuleError", "load_rules", "next_steps", "read_notes", "unknown_step_keys"]
