"""The arithmetic of each walkthrough: `compute(answers, context) -> WalkResult`.

Every figure comes from a registered calculator (through `WalkContext.calculate`), so a
walkthrough and `vested calc` never disagree; these modules only choose the inputs,
combine the outputs and say what they mean.
"""
