"""The Monday benchmark's figures: percentiles, ratios to the bare app, memory, and targets."""

import math
from pathlib import Path

ACK_RATIO_TARGET = 1.5
VIEWS_OPEN_TARGET_S = 2.0
TICK_TARGET_MS = 100.0
IDLE_RSS_TARGET_MB = 120.0
PEAK_RSS_TARGET_MB = 200.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: p99 of 200 samples is the 198th smallest."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def memory_mb(pid: int) -> tuple[float, float]:
    """A process's resident set now and at its peak (VmRSS, VmHWM), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return _kb(fields["VmRSS"]) / 1024, _kb(fields["VmHWM"]) / 1024


def _kb(value: str) -> float:
    return float(value.split()[0])


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_phase(title: str, bot: dict[str, list[float]], bare: dict[str, list[float]]) -> bool:
    """One line per measure: the bot's p50/p99 next to the bare app's, as ratios; True if met."""
    print(f"\n{title}")
    heads = f"{'bot p50':>9} {'p99':>9}   {'bare p50':>9} {'p99':>9}   {'p50×':>6} {'p99×':>6}"
    print(f"  {'':28} {heads}")
    met = True
    for name in sorted(bot):
        ours = bot[name]
        theirs = bare.get(name, [])
        line = f"  {name:28} {_ms(percentile(ours, 0.5))} {_ms(percentile(ours, 0.99))}"
        if theirs:
            ratio50 = percentile(ours, 0.5) / percentile(theirs, 0.5)
            ratio99 = percentile(ours, 0.99) / percentile(theirs, 0.99)
            line += f"   {_ms(percentile(theirs, 0.5))} {_ms(percentile(theirs, 0.99))}"
            line += f"   {ratio50:5.1f}× {ratio99:5.1f}×"
            if name.startswith("ack:"):
                ok = ratio99 <= ACK_RATIO_TARGET
                met &= ok
                line += f"  ({verdict(ok)}: ≤ {ACK_RATIO_TARGET}×)"
        if name == "click → views.open":
            ok = max(ours) < VIEWS_OPEN_TARGET_S
            met &= ok
            line += f"  max {max(ours) * 1000:.0f} ms ({verdict(ok)}: always < 2 s)"
        print(f"{line}  n={len(ours)}")
    return met


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"
