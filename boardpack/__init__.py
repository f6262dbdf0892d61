"""boardpack: a SaaS company's marketing, sales and revenue data turned into a board deck."""

__version__ = "0.1.0"
