"""pixellint: find tracking code that reaches pages marked sensitive, from the source."""

__version__ = "0.1.0"
