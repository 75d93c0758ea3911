"""The mark of an output line: `#> ` and then what the code printed there, under the statement
that printed it. One definition, for the engine that writes and compares such lines
(tools/engine/outputs.py) and the build that styles them as output (tools/site/hooks/output_lines.py).

A ground module: it imports nothing, so every layer may import it.
"""

OUTPUT_MARK = "#>"
