"""Rubrics: categories -> groups (dimensions) -> indicators with integer ranges."""

from judgebox.core.rubric.model import Category, Group, Indicator, Prize, Rubric

__all__ = ["Category", "Group", "Indicator", "Prize", "Rubric"]
