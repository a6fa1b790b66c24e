"""The pure core: every operation of JudgeBox, with no Qt import anywhere below here."""
