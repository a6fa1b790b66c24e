"""JudgeBox: offline judging for Indonesian smart-city competitions."""

__version__ = "0.1.0"
