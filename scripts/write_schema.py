"""Regenerate the committed JSON Schema of the output contract from the pydantic models.

Run after changing src/eventwire/model.py; tests fail while the committed file is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.model import Result

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "src/eventwire/schema/eventwire-1.schema.json"


def schema_text() -> str:
    schema = Result.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "eventwire/1"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
