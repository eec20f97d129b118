"""eventwire: who did or said what to whom, when, where, and according to whom, with evidence."""

from eventwire.model import SCHEMA_VERSION, Result
from eventwire.pipeline import run
from eventwire.settings import Settings

__all__ = ["SCHEMA_VERSION", "Result", "Settings", "run"]
__version__ = "0.1.0"
