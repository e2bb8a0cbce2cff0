"""Open performance figures: anonymous monthly counters kept as things
happen (questions, answers, ratings, handovers), which outlive the
conversations they counted. Imports neither sanic nor rasa_sdk."""

from bot.performance.counters import HANDOFF_REASONS, METRICS, MonthlyCounters, handoff_metric, month_of

__all__ = ["HANDOFF_REASONS", "METRICS", "MonthlyCounters", "handoff_metric", "month_of"]
