"""The metric views slides are made of, where callers of the render step found them before."""

from boardpack.slides.views import Fmt, MetricView, metric_view

__all__ = ["Fmt", "MetricView", "metric_view"]
