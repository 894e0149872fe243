"""Every convention, one line each, in the order their resolvers are tried."""

from __future__ import annotations

from pixellint.conventions import (
    aem,
    aspnet,
    drupal,
    eleventy,
    generic,
    ghost,
    hexo,
    hugo,
    java_web,
    jekyll,
    laravel,
    mdx,
    phoenix,
    pug,
    rails,
    shopify,
    spring,
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
    pug.CONVENTION,
    wordpress.CONVENTION,
    rails.CONVENTION,
    phoenix.CONVENTION,
    laravel.CONVENTION,
    aspnet.CONVENTION,
    drupal.CONVENTION,
    java_web.CONVENTION,
    spring.CONVENTION,
    aem.CONVENTION,
    mdx.CONVENTION,
    generic.CONVENTION,
)
