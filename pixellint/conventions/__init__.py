"""Site and framework conventions: where a template name resolves and what wraps what.

One module per convention (Jekyll, Shopify, Hugo, Rails, Laravel, ...); `all_conventions.py` lists
them. A convention knows files and names, never trackers or sensitivity."""
