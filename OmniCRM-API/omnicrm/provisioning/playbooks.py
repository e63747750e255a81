"""Playbook files: where they live, their description, and how many tasks they hold (spec 04 §6)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from flask import current_app

from omnicrm.config import PROJECT_ROOT
from omnicrm.errors import bad_request

PLAY_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")
SECTIONS = ("block", "rescue", "always")


def plays_dir() -> Path:
    """provisioning.playbooks_dir; a relative path is taken from the project root."""
    configured = Path(current_app.extensions["omnicrm.settings"].provisioning.playbooks_dir)
    return configured if configured.is_absolute() else PROJECT_ROOT / configured


def play_file(name: object) -> Path:
    """The YAML file of a play name, refusing bad names and missing files (400)."""
    if not isinstance(name, str) or not PLAY_NAME.match(name):
        raise bad_request("Invalid playbook name", {"provisioning_play": "letters, digits, _ and - only, without .yaml"})
    path = plays_dir() / f"{name}.yaml"
    if not path.is_file():
        raise bad_request(f"Playbook {name}.yaml not found", {"provisioning_play": f"no playbook {name}.yaml"})
    return path


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        plays = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return []
    return [play for play in plays if isinstance(play, dict)] if isinstance(plays, list) else []


def _count(tasks: list[Any]) -> int:
    total = 0
    for task in tasks or []:
        if not isinstance(task, dict):
            continue
        if any(section in task for section in SECTIONS):
            total += sum(_count(task.get(section)) for section in SECTIONS)
        else:
            total += 1
    return total


def describe(path: Path) -> tuple[str | None, int, list[str]]:
    """(description of the first play, task count, names of the main block's tasks in order)."""
    plays = _load(path)
    if not plays:
        return None, 0, []
    tasks = [task for play in plays for task in play.get("tasks") or [] if isinstance(task, dict)]
    main = next((task["block"] for task in tasks if "block" in task), tasks)
    names = [str(task.get("name") or next(iter(task), "task")) for task in main if isinstance(task, dict)]
    return plays[0].get("name"), sum(_count(play.get("tasks")) for play in plays), names
