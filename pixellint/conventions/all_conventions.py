"""Every convention, one line each, in the order their resolvers are tried."""

from __future__ import annotations

from pixellint.conventions import (
    drupal,
    eleventy,
    generic,
    ghost,
    hexo,
    hugo,
    jekyll,
    rails,
    shopify,
    wordpress,
)
from pixellint.conventions.base import Convention

CONVENTIONS: tuple[Convention, ...] = (
    shopify.CONVENTION,
    jekyll.CONVENTION,
    eleventy.CONVENTION,
    hugo.CONVENTION,
    ghost.CONVENTION,
    hexo.CONVENTION,
    wordpress.CONVENTION,
    rails.CONVENTION,
    drupal.CONVENTION,
    generic.CONVENTION,
)
