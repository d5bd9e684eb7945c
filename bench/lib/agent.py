"""Prints the JSON of a benchmark agent: TURNS calculator turns, then a final answer.

Each tool turn commits two steps (model call, tool call) and the final answer one, so a run has
2 * TURNS + 1 steps. Every model answer takes DELAY_MS.
"""
import json
import sys

name, turns, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
tool_turn = {
    "toolCalls": [{"name": "calculator", "arguments": {"expression": "1+1"}}],
    "delayMs": delay,
}
script = [tool_turn] * turns + [{"text": "done", "delayMs": delay}]
print(json.dumps({
    "name": name,
    "model": {"provider": "scripted", "name": "s", "script": script},
    "tools": ["calculator"],
    "budget": {"maxSteps": 1000, "maxModelCalls": 1000},
}))
