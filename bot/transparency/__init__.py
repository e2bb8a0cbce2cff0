"""The assistant's public transparency record (ATRS-shaped): built from the
council's config and from what is installed and built on this machine, so it
always describes the system that is actually running."""

from bot.transparency.page import render_page
from bot.transparency.record import Sources, build_record

__all__ = ["Sources", "build_record", "render_page"]
